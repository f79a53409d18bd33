/*
 * Welsh grammar where a value meets the words around it. A Welsh message is written once, but the
 * word before a {placeholder} can change the value's first letter (mutation) and the value can
 * change the word before it ("â" becomes "ag" before a vowel). translate() fits each value into its
 * Welsh sentence with fitWelshValue, so every caller can pass the standalone forms of
 * src/lib/shared/format.ts ("Dydd Sadwrn 12 Rhagfyr 2026", "canol dydd") and the sentence reads
 * "ar ddydd Sadwrn 12 Rhagfyr 2026", "tan ganol dydd".
 */

/** Words after which the next word takes the soft mutation (prepositions a date or time follows). */
const SOFT_AFTER = new Set(['ar', 'i', 'am', 'tan', 'o', 'at', 'dros', 'drwy', 'trwy', 'heb', 'gan', 'wrth']);

/** Soft mutation of a word's first sound ("dydd" → "ddydd", "canol" → "ganol"), keeping its capital. */
export function softMutate(word: string): string {
	const rules: [RegExp, string][] = [
		[/^ll/i, 'l'],
		[/^rh/i, 'r'],
		[/^c/i, 'g'],
		[/^p/i, 'b'],
		[/^t/i, 'd'],
		[/^g/i, ''],
		[/^b/i, 'f'],
		[/^d/i, 'dd'],
		[/^m/i, 'f']
	];
	for (const [pattern, replacement] of rules) {
		const match = pattern.exec(word);
		if (!match) continue;
		const rest = word.slice(match[0].length);
		if (replacement === '') return rest;
		const capital = match[0][0] !== match[0][0]!.toLowerCase();
		return (capital ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement) + rest;
	}
	return word;
}

/** Whether a word starts with a vowel sound, for "ag"/"ac": a e i o u, and w or y before a consonant ("Wrecsam", "Ynys"). */
export function startsWithVowel(word: string): boolean {
	const text = word.normalize('NFD').toLowerCase();
	if (/^[aeiou]/.test(text)) return true;
	return /^[wy][^aeiouwy\s\d]/.test(text);
}

const WEEKDAY_DATE = /\bDydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)\b/g;

/**
 * A value as it reads inside a Welsh sentence. `before` is the text the sentence has so far.
 * - A date ("Dydd Sadwrn …", format.ts's standalone form) is "dydd" inside a sentence, "ddydd"
 *   after "ar", "i", "tan", …; the time "canol dydd" is "ganol dydd" after them, "Canol dydd" first.
 * Returns the value and the text before it, since "â"/"a" before a vowel become "ag"/"ac".
 */
export function fitWelshValue(before: string, value: string): { before: string; value: string } {
	const atStart = /(^|[.!?]\s*)$/.test(before);
	let fitted = atStart ? value : value.replace(WEEKDAY_DATE, (_, day: string) => `dydd ${day}`);
	if (atStart && /^canol dydd/.test(fitted)) fitted = `C${fitted.slice(1)}`;
	const previous = /([\p{L}’']+)\s+$/u.exec(before)?.[1]?.toLowerCase();
	if (previous && SOFT_AFTER.has(previous) && /^(dydd|canol dydd)\b/.test(fitted)) {
		const [first, ...rest] = fitted.split(' ');
		fitted = [softMutate(first!), ...rest].join(' ');
	}
	let head = before;
	if (startsWithVowel(fitted))
		head = head.replace(
			/(^|\s)(â|a)(\s+)$/u,
			(_, space: string, word: string, gap: string) => `${space}${word === 'â' ? 'ag' : 'ac'}${gap}`
		);
	return { before: head, value: fitted };
}
