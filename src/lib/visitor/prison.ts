import type { PrisonRow } from '../client/db';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../shared/domain';
import type { Prison } from '../shared/answers';

const RULE_KEYS = ['leadDays', 'horizonDays', 'maxVisitors', 'maxAdults', 'adultAge'] as const;

/**
 * A cached prison as the shared rules want it. The device keeps the server's object as sent,
 * so a field it lacks falls back to the product's default rather than breaking a page offline.
 */
export function prisonFromRow(row: PrisonRow): Prison {
	const rules: PrisonRules = { ...DEFAULT_PRISON_RULES };
	if (typeof row.timeZone === 'string' && row.timeZone) rules.timeZone = row.timeZone;
	for (const key of RULE_KEYS) {
		const value = row[key];
		if (typeof value === 'number' && Number.isFinite(value)) rules[key] = value;
	}
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const optional = (value: unknown) => (typeof value === 'string' && value ? value : null);
	return {
		...rules,
		id: row.id,
		name: row.name,
		code: text(row.code),
		address: text(row.address),
		visitorInfo: text(row.visitorInfo),
		nameCy: optional(row.nameCy),
		addressCy: optional(row.addressCy),
		visitorInfoCy: optional(row.visitorInfoCy),
		// A copy cached before the switch existed: booking was on.
		onlineBooking: row.onlineBooking !== false,
		onlineBookingMessage: typeof row.onlineBookingMessage === 'string' ? row.onlineBookingMessage : null,
		// A copy cached before booking modes existed: every request was checked by staff.
		bookingMode: row.bookingMode === 'instant' ? 'instant' : 'request'
	};
}
