// Welsh where a value meets its sentence: mutation after "ar", "i", "tan", a lower-case "dydd"
// inside a sentence, "ag"/"ac" before a vowel. The rules alone, then as translate() applies them.
import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from '../../../src/lib/shared/format';
import { registerMessages, translate, type MessageKey } from '../../../src/lib/shared/i18n';
import { fitWelshValue, softMutate, startsWithVowel } from '../../../src/lib/shared/i18n/welsh';

describe('Welsh mutation and vowels', () => {
	it('soft-mutates the first sound, keeping a capital', () => {
		expect(['dydd', 'Dydd', 'canol', 'pump', 'tri', 'gardd', 'bore', 'mam', 'llun', 'rhif', 'Llun', 'nos', 'awr'].map(softMutate)).toEqual([
			'ddydd',
			'Ddydd',
			'ganol',
			'bump',
			'dri',
			'ardd',
			'fore',
			'fam',
			'lun',
			'rif',
			'Lun',
			'nos',
			'awr'
		]);
	});

	it('knows which words start with a vowel sound', () => {
		expect(['Abertawe', 'Ellis', 'Ynys Môn', 'Wrecsam', 'Ângel'].map(startsWithVowel)).toEqual([true, true, true, true, true]);
		expect(['Caerdydd', 'William', 'Yusuf', 'HMP Parc', '8', 'Berwyn'].map(startsWithVowel)).toEqual([
			false,
			false,
			false,
			false,
			false,
			false
		]);
	});
});

describe('a value in its Welsh sentence', () => {
	const saturday = 'Dydd Sadwrn 12 Rhagfyr 2026';

	it('mutates a date after ar, i and tan, and writes "dydd" in lower case inside a sentence', () => {
		expect(fitWelshValue('Mae eich ymweliad ar ', saturday).value).toBe('ddydd Sadwrn 12 Rhagfyr 2026');
		expect(fitWelshValue('o ', saturday).value).toBe('ddydd Sadwrn 12 Rhagfyr 2026');
		expect(fitWelshValue('Wedi’i wahardd tan ', saturday).value).toBe('ddydd Sadwrn 12 Rhagfyr 2026');
		expect(fitWelshValue('Mae wedi’i drefnu ar gyfer ', saturday).value).toBe('dydd Sadwrn 12 Rhagfyr 2026');
		expect(fitWelshValue('yfory, ', `${saturday}, Dydd Sul 13 Rhagfyr 2026`).value).toBe(
			'dydd Sadwrn 12 Rhagfyr 2026, dydd Sul 13 Rhagfyr 2026'
		);
	});

	it('leaves a date that starts the sentence as it is', () => {
		expect(fitWelshValue('', saturday).value).toBe(saturday);
		expect(fitWelshValue('Cau. ', saturday).value).toBe(saturday);
	});

	it('mutates "canol dydd" after am and i, and gives it a capital at the start', () => {
		expect(fitWelshValue('Cofnodwyd cyrraedd am ', 'canol dydd').value).toBe('ganol dydd');
		expect(fitWelshValue('', 'canol dydd, i gael eich chwilio').value).toBe('Canol dydd, i gael eich chwilio');
		expect(fitWelshValue('am ', '2yh').value).toBe('2yh');
	});

	it('writes "ag" and "ac" before a vowel, "â" and "a" before a consonant', () => {
		expect(fitWelshValue('eich ymweliad â ', 'Abertawe').before).toBe('eich ymweliad ag ');
		expect(fitWelshValue('eich ymweliad â ', 'CEF Caerdydd').before).toBe('eich ymweliad â ');
		expect(fitWelshValue('Sam a ', 'Ellis').before).toBe('Sam ac ');
		expect(fitWelshValue('Sam a ', 'Bethan').before).toBe('Sam a ');
		// Only the word itself: "ymweld â" in the middle of a longer word stays.
		expect(fitWelshValue('Fama ', 'Ellis').before).toBe('Fama ');
	});
});

describe('translate() in Welsh', () => {
	const key = 'test.welsh.visit' as MessageKey;
	const list = 'test.welsh.list' as MessageKey;
	registerMessages('en', { test: { [key]: 'Your visit to {prison} is on {date} at {time}.', [list]: '{date}' } });
	registerMessages('cy', { test: { [key]: 'Mae eich ymweliad â {prison} ar {date} am {time}.', [list]: '{date}' } });

	it('fits each value to the words before it', () => {
		expect(translate('cy', key, { prison: 'Abertawe', date: formatDate('2026-12-12', 'cy'), time: formatTime('12:00', 'cy') })).toBe(
			'Mae eich ymweliad ag Abertawe ar ddydd Sadwrn 12 Rhagfyr 2026 am ganol dydd.'
		);
		expect(translate('cy', list, { date: formatDate('2026-12-12', 'cy') })).toBe('Dydd Sadwrn 12 Rhagfyr 2026');
	});

	it('leaves English as it is', () => {
		expect(translate('en', key, { prison: 'Abertawe', date: 'Saturday 12 December 2026', time: '12pm' })).toBe(
			'Your visit to Abertawe is on Saturday 12 December 2026 at 12pm.'
		);
	});
});
