import { timetableFor } from '../../shared/rules/calendar';
import { StaffBookingInput, type BookingMethod } from '../../shared/schemas-prisoners';
import type { TimetableSlot, VisitRequest } from '../../shared/types';
import { parseInput } from '../../shared/validation';
import type { Flag } from '../../shared/rules/flags';
import { toLocalDate, type DateFields } from '../../visitor/date-fields';
import { callApi, params, type ApiFailure } from '../api';
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

export function bookingBody(form: BookingForm, withOverride: boolean) {
	return {
		prisoner: { ...person(form.prisoner), prisonerNumber: form.prisoner.prisonerNumber },
		visitors: [{ ...person(form.lead), phone: form.lead.phone, email: form.lead.email }, ...form.others.map(person)],
		slot: { date: form.date, start: form.start },
		method: form.method,
		additionalSupport: form.additionalSupport,
		...(withOverride && form.override.trim() ? { override: { reason: form.override } } : {})
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
	if (parts[0] === 'slot') return parts[1] === 'start' ? 'slot-start' : 'slot-date';
	if (parts[0] === 'override') return 'override';
	return parts[0] ?? 'method';
}

export function checkBooking(form: BookingForm, withOverride: boolean): Checked<StaffBookingInput> {
	const parsed = parseInput(StaffBookingInput, bookingBody(form, withOverride));
	if (parsed.ok) return { ok: true, body: parsed.value };
	const errors: Record<string, string> = {};
	for (const [path, message] of Object.entries(parsed.fields)) errors[fieldId(path)] ??= message;
	return { ok: false, errors };
}

/** The times the timetable has on a date (closures and places are the server's to check). */
export function startsOn(timetable: readonly TimetableSlot[], date: string): { value: string; text: string }[] {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
	return timetableFor(timetable, date).map((slot) => ({ value: slot.start, text: `${slot.start}–${slot.end}` }));
}

export async function sendBooking(prisonId: string, body: StaffBookingInput): Promise<{ ok: true; visit: BookedVisit } | ApiFailure> {
	const param = params({ prisonId });
	const result = await callApi((api) => api.staff.prisons[':prisonId'].bookings.$post({ param, json: body }), { auth: 'staff' });
	if (!result.ok) return result;
	return { ok: true, visit: result.data as unknown as BookedVisit };
}
