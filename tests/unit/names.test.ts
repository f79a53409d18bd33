// The one normal form of names and the key bans compare them by (src/lib/shared/names.ts).
import { describe, expect, it } from 'vitest';
import confusables from 'unhomoglyph/data.json' with { type: 'json' };
import { nameKey, sameName } from '../../src/lib/shared/names';
import { PrisonerInput } from '../../src/lib/shared/schemas';

const data = confusables as Record<string, string>;

describe('nameKey', () => {
	it('folds every Greek and Cyrillic letter that Unicode’s confusables data says looks like one Latin letter', () => {
		const missed: string[] = [];
		for (let code = 0x370; code <= 0x4ff; code += 1) {
			const letter = String.fromCodePoint(code);
			const latin = data[letter];
			if (!latin || !/^[A-Za-z]$/.test(latin)) continue;
			// The data's skeleton writes capital I as l; a capital look-alike of I is compared with I.
			const expected = latin === 'l' && letter !== letter.toLowerCase() ? 'i' : latin.toLowerCase();
			if (nameKey(letter) !== expected) missed.push(`U+${code.toString(16)} ${letter} → ${latin}`);
		}
		expect(missed).toEqual([]);
	});

	it('ignores case, white space of any kind, and unseen characters (names stored before they were refused)', () => {
		for (const name of [
			'eve banned',
			'EVE BANNED',
			' Eve\u00A0Banned ',
			'Eve\tBanned',
			'E\u200Bve Ban\u00ADned',
			'Ev\u2060e\u200DBanned',
			'Eve\u202EBanned'
		]) {
			expect(nameKey(name), JSON.stringify(name)).toBe('evebanned');
		}
	});

	it('matches NFKC forms and look-alikes, not other letters', () => {
		expect(sameName('Ｅｖｅ', 'Eve')).toBe(true);
		expect(sameName('𝐄𝐯𝐞', 'Eve')).toBe(true);
		expect(sameName('Еvе', 'Eve')).toBe(true);
		expect(sameName('Ηαnnah', 'Hannah')).toBe(true);
		expect(sameName('Eve', 'Eva')).toBe(false);
		expect(sameName('Siân', 'Sian')).toBe(false);
		expect(sameName('Смит', 'Smith')).toBe(false);
	});
});

describe('personName in the schemas', () => {
	const prisoner = (firstName: string) =>
		PrisonerInput.safeParse({ firstName, lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' });

	it('stores NFKC, trimmed', () => {
		expect(prisoner(' Ｅｖｅ ').data?.firstName).toBe('Eve');
		expect(prisoner('ﬁona').data?.firstName).toBe('fiona');
	});

	it('refuses format and control characters and line breaks, keeps letters of any script', () => {
		for (const char of [
			'\u200B',
			'\u200C',
			'\u200D',
			'\u00AD',
			'\u2060',
			'\uFEFF',
			'\u034F',
			'\n',
			'\r',
			'\u0007',
			'\u2028',
			'\u2029',
			'\u{E0041}'
		]) {
			expect(prisoner(`E${char}ve`).success, `U+${char.codePointAt(0)?.toString(16)}`).toBe(false);
		}
		for (const name of ['Siân-Wyn', "O'Brien", 'عبد الله', 'Ελένη', 'Анна', '李小龙']) expect(prisoner(name).success, name).toBe(true);
	});
});
