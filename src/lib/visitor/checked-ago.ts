import { formatInstant } from '../shared/format';
import { t, tPlural } from '../shared/i18n';

/*
 * "Checked 2 minutes ago": how old the family's view of their requests is, in words that stay
 * true as the page is left open (the page renders it again as the clock moves).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `checkedAt` is when the service last answered this phone about its requests (ms), if ever. */
export function checkedAgo(checkedAt: number | undefined, now: number, timeZone: string): string {
	if (checkedAt === undefined) return t('family.checked.never');
	const age = now - checkedAt;
	if (age < MINUTE) return t('family.checked.justNow');
	if (age < HOUR) return tPlural('family.checked.minutes', Math.floor(age / MINUTE));
	if (age < 24 * HOUR) return tPlural('family.checked.hours', Math.floor(age / HOUR));
	return t('family.checked.at', { when: formatInstant(new Date(checkedAt), timeZone) });
}
