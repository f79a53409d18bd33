// "Checked 2 minutes ago": how old a family's view of their requests is, in English and Welsh.
import { afterEach, describe, expect, it } from 'vitest';
import { checkedAgo } from '../../../src/lib/visitor/checked-ago';
import { setLocale } from '../../../src/lib/shared/i18n';

const at = Date.parse('2026-12-07T12:00:00Z');
const minutes = (n: number) => at + n * 60_000;

afterEach(() => setLocale('en'));

describe('checkedAgo', () => {
	it('counts minutes, then hours, then gives the date and time in the prison’s zone', () => {
		expect(checkedAgo(at, minutes(0.5), 'Europe/London')).toBe('Checked just now');
		expect(checkedAgo(at, minutes(1), 'Europe/London')).toBe('Checked 1 minute ago');
		expect(checkedAgo(at, minutes(59), 'Europe/London')).toBe('Checked 59 minutes ago');
		expect(checkedAgo(at, minutes(60), 'Europe/London')).toBe('Checked 1 hour ago');
		expect(checkedAgo(at, minutes(5 * 60 + 10), 'Europe/London')).toBe('Checked 5 hours ago');
		expect(checkedAgo(at, minutes(25 * 60), 'Europe/London')).toBe('Checked on 7 December 2026 at 12pm');
		expect(checkedAgo(undefined, at, 'Europe/London')).toBe('Not checked with the prison from this phone yet');
		// A clock set back is "just now", never "−3 minutes ago".
		expect(checkedAgo(at, minutes(-3), 'Europe/London')).toBe('Checked just now');
	});

	it('mutates the Welsh noun after 2', () => {
		setLocale('cy');
		expect(checkedAgo(at, minutes(2), 'Europe/London')).toBe('Gwiriwyd 2 funud yn ôl');
		expect(checkedAgo(at, minutes(3), 'Europe/London')).toBe('Gwiriwyd 3 munud yn ôl');
		expect(checkedAgo(at, minutes(120), 'Europe/London')).toBe('Gwiriwyd 2 awr yn ôl');
	});
});
