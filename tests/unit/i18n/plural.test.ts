// Counts through Intl.PluralRules: English one/other, Welsh zero/one/two/few/many/other, with
// `.other` for any category a message has no form of, and CLDR's Welsh rule where Intl has none.
import { afterEach, describe, expect, it } from 'vitest';
import { plural, pluralSettings, translatePlural, welshPluralCategory } from '../../../src/lib/shared/i18n';

afterEach(() => {
	pluralSettings.welshFromRule = false;
});

describe('plural()', () => {
	it('says "1 hour" and "2 hours" in English', () => {
		expect(translatePlural('en', 'admin.report.hours', 1)).toBe('1 hour');
		expect(translatePlural('en', 'admin.report.hours', 2)).toBe('2 hours');
		expect(translatePlural('en', 'admin.report.hours', 1.5)).toBe('1.5 hours');
		expect(translatePlural('en', 'privacy.export.subscriptions', 1)).toBe('1 browser is signed up for notifications');
		expect(translatePlural('en', 'privacy.export.subscriptions', 3)).toBe('3 browsers are signed up for notifications');
	});

	it('picks each Welsh category that has a form, and .other for the rest', () => {
		const forms = [0, 1, 2, 3, 4, 6, 11].map((n) => translatePlural('cy', 'privacy.export.subscriptions', n));
		expect(forms).toEqual([
			'Nid oes porwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 1 porwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 2 borwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 3 phorwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 4 porwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 6 phorwr wedi cofrestru ar gyfer hysbysiadau',
			'Mae 11 porwr wedi cofrestru ar gyfer hysbysiadau'
		]);
		// "ymwelydd" does not mutate, so the message has no .two: 2 falls back to .other.
		expect(plural('cy', 2, 'staff.requests.visitorCount')).toBe('staff.requests.visitorCount.other');
		expect(plural('cy', 1, 'staff.requests.visitorCount')).toBe('staff.requests.visitorCount.one');
		expect(plural('en', 0, 'staff.requests.visitorCount')).toBe('staff.requests.visitorCount.other');
	});

	it('has CLDR’s Welsh rule, the same as a full ICU’s, for an Intl without Welsh plurals', () => {
		const intl = new Intl.PluralRules('cy');
		expect(intl.resolvedOptions().locale).toBe('cy');
		for (let n = 0; n <= 300; n++) expect(welshPluralCategory(n), `${n}`).toBe(intl.select(n));
		pluralSettings.welshFromRule = true;
		expect([0, 1, 2, 3, 6, 7].map((n) => plural('cy', n, 'sync.status.waiting'))).toEqual([
			'sync.status.waiting.other',
			'sync.status.waiting.one',
			'sync.status.waiting.two',
			'sync.status.waiting.few',
			'sync.status.waiting.many',
			'sync.status.waiting.other'
		]);
	});
});
