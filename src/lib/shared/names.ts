/*
 * One normal form for people's names, and one key to compare them by.
 *
 * Stored form (the schemas' `personName`): Unicode NFKC (full-width and styled letters become
 * plain ones, "ﬁ" becomes "fi"), trimmed, and free of anything a reader cannot see: format (Cf) and
 * control (Cc) characters, line and paragraph separators, and the other default-ignorable code
 * points (zero-width space and joiners, soft hyphen, word joiner, bidi controls, Hangul fillers,
 * variation selectors). Such a name is refused with a field message, never silently changed, so
 * what the visitor typed and what staff read stay the same. Line breaks are refused with them: a
 * name goes into emails, and must not carry lines of its own.
 *
 * Comparison key (`nameKey`, used for bans): two names are the same person's when their keys are
 * equal. The key removes what the stored form refuses (names stored before it still compare
 * right), folds the Greek and Cyrillic letters that look like Latin ones onto those letters, then
 * case and white space. Keys are computed when compared, never stored, so a change here applies
 * to every stored name at once.
 */

/** Bidi embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls: they make "\u202Eevil" show as "live". */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/** Characters a name may not hold: unseen (Cf, Cc, default-ignorable) or breaking the line (Zl, Zp). */
export const INVISIBLE_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE_IN_NAME.source, 'gu');

/** The stored form of a name (before the checks above): NFKC, trimmed. */
export function normaliseName(name: string): string {
	return name.normalize('NFKC').trim();
}

/**
 * Greek and Cyrillic letters that look like a Latin letter, by that letter. Taken from Unicode's
 * confusables data (UTS #39, as the `unhomoglyph` package ships it) for U+0370–U+04FF, keeping the
 * single-letter ones, with capital look-alikes of "I" written as "I" where the data's skeleton writes
 * "l". tests/unit/names.test.ts checks this table against that data, so a letter missed fails there.
 */
const LOOK_ALIKES: Record<string, string> = {
	A: 'ΑА',
	B: 'ΒВ',
	C: 'ϹС',
	E: 'ΕЕ',
	F: 'Ϝ',
	H: 'ΗН',
	I: 'ΙІӀ',
	J: 'ͿЈ',
	K: 'ΚК',
	M: 'ΜϺМ',
	N: 'Ν',
	O: 'ΟО',
	P: 'ΡР',
	S: 'Ѕ',
	T: 'ΤТ',
	V: 'Ѵ',
	X: 'ΧХ',
	Y: 'ΥϒУҮ',
	Z: 'Ζ',
	a: 'αа',
	b: 'Ь',
	c: 'ϲс',
	e: 'еҽ',
	h: 'һ',
	i: 'ͺιіӏ',
	j: 'ϳј',
	o: 'οσо',
	p: 'ρϱр',
	r: 'г',
	s: 'ѕ',
	u: 'υ',
	v: 'νѵ',
	w: 'ѡ',
	x: 'х',
	y: 'γуү'
};
const LATIN_OF = new Map(Object.entries(LOOK_ALIKES).flatMap(([latin, alikes]) => [...alikes].map((alike) => [alike, latin] as const)));
const LOOK_ALIKE = new RegExp(`[${[...LATIN_OF.keys()].join('')}]`, 'gu');

const foldLookAlikes = (text: string) => text.replace(LOOK_ALIKE, (letter) => LATIN_OF.get(letter) ?? letter);

/**
 * The key names are compared by. Look-alikes are folded before NFKC as well as after, because NFKC
 * turns a few of them (the lunate sigma "Ϲ") into letters that look like no Latin one; and before
 * lower-casing, because some capitals look like a Latin capital while their small letter does not (Н, h).
 */
export function nameKey(name: string): string {
	return foldLookAlikes(foldLookAlikes(name).normalize('NFKC')).replace(INVISIBLE_ALL, '').toLowerCase().replace(/\s+/gu, '');
}

/** Names compared by their keys (PRODUCT.md: ignoring case and spaces; and look-alike letters, unseen characters). */
export function sameName(a: string, b: string): boolean {
	return nameKey(a) === nameKey(b);
}
