import { formatTimeRange } from '../../shared/format';
import { timetableFor } from '../../shared/rules/calendar';
import { isRealDate } from '../../shared/rules/dates';
import { StaffBookingInput, type BookingMethod } from '../../shared/schemas-prisoners';
import type { TimetableSlot, VisitRequest } from '../../shared/answers';
import { parseInput } from '../../shared/validation';
import type { Flag } from '../../shared/rules/flags';
import type { OverridableFlag } from '../../shared/domain';
import { toLocalDate, type DateFields } from '../../visitor/date-fields';
import { callApi, params } from '../api';
import type { ApiFailure } from '../api-result';
import type { Checked } from './decision-forms';

/*
 * Booking on a visitor's behalf from the staff page: the form as typed, checked with the same
 * schema the server uses, sent at once (the officer has the family on the phone and needs the
 * reference to read out, so this is not queued for later).
 */

export interface PersonForm {
	firstName: string;
	lastName: string;
	dateOfBirth: DateFields;
}

export interface BookingForm {
	method: string;
	prisoner: PersonForm & { prisonerNumber: string };
	lead: PersonForm & { phone: string; email: string };
	others: PersonForm[];
	date: string;
	start: string;
	additionalSupport: string;
	override: string;
}

export type BookedVisit = VisitRequest & { flags: Flag[]; bookingMethod: BookingMethod };

const person = (form: PersonForm) => ({ firstName: form.firstName, lastName: form.lastName, dateOfBirth: toLocalDate(form.dateOfBirth) });

/** The body as sent; `overrideCodes` are the blocking flags the officer was shown (none: no override). */
export function bookingBody(form: BookingForm, overrideCodes: readonly OverridableFlag[]) {
	return {
		prisoner: { ...person(form.prisoner), prisonerNumber: form.prisoner.prisonerNumber },
		visitors: [{ ...person(form.lead), phone: form.lead.phone, email: form.lead.email }, ...form.others.map(person)],
		slot: { date: form.date, start: form.start },
		method: form.method,
		additionalSupport: form.additionalSupport,
		...(overrideCodes.length > 0 && form.override.trim() ? { override: { reason: form.override, codes: [...overrideCodes] } } : {})
	};
}

/** Field ids on the page for the schema's and the server's paths. */
export function fieldId(path: string): string {
	const parts = path.split('.');
	if (parts[0] === 'prisoner') return parts[1] === 'dateOfBirth' ? 'prisoner-dateOfBirth-day' : `prisoner-${parts[1]}`;
	if (parts[0] === 'visitors') {
		const index = Number(parts[1]);
		const field = parts[2] ?? 'firstName';
		const base = index === 0 ? 'lead' : `other-${index}`;
		return field === 'dateOfBirth' ? `${base}-dateOfBirth-day` : `${base}-${field}`;
	}
	if (parts[0] === 'slot') return parts[1] === 'start' ? 'slot-start' : 'slot-date-day';
	if (parts[0] === 'override') return 'override';
	return parts[0] ?? 'method';
}

/** The page's fields from top to bottom (a date by its day box, where its error link goes). */
function pageOrder(others: number): string[] {
	const person = (base: string) => [`${base}-firstName`, `${base}-lastName`, `${base}-dateOfBirth-day`];
	return [
		'method',
		'prisoner-prisonerNumber',
		...person('prisoner'),
		...person('lead'),
		'lead-phone',
		'lead-email',
		...Array.from({ length: others }, (_, index) => person(`other-${index + 1}`)).flat(),
		'slot-date-day',
		'slot-start',
		'additionalSupport',
		'override'
	];
}

/** Errors in the order their fields appear on the page, as an error summary lists them. */
export function inPageOrder(errors: Record<string, string>, others: number): Record<string, string> {
	const order = pageOrder(others);
	const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
	return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

export function checkBooking(form: BookingForm, overrideCodes: readonly OverridableFlag[]): Checked<StaffBookingInput> {
	const parsed = parseInput(StaffBookingInput, bookingBody(form, overrideCodes));
	if (parsed.ok) return { ok: true, body: parsed.value };
	const errors: Record<string, string> = {};
	for (const [path, message] of Object.entries(parsed.fields)) errors[fieldId(path)] ??= message;
	return { ok: false, errors };
}

/** The times the timetable has on a date, written as everywhere else ("2pm to 4pm"); closures and places are the server's to check. */
export function startsOn(timetable: readonly TimetableSlot[], date: string): { value: string; text: string }[] {
	if (!isRealDate(date)) return [];
	return timetableFor(timetable, date).map((slot) => ({ value: slot.start, text: formatTimeRange(slot.start, slot.end) }));
}

export async function sendBooking(prisonId: string, body: StaffBookingInput): Promise<{ ok: true; visit: BookedVisit } | ApiFailure> {
	const param = params({ prisonId });
	const result = await callApi((api) => api.staff.prisons[':prisonId'].bookings.$post({ param, json: body }), { auth: 'staff' });
	if (!result.ok) return result;
	return { ok: true, visit: result.data as unknown as BookedVisit };
}
