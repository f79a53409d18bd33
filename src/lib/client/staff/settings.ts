import { ClosureInput, TimetableInput } from '../../shared/schemas';
import type { Closure, TimetableSlot } from '../../shared/answers';
import { mergeFieldErrors } from '../../shared/rules/field-errors';
import { parseInput } from '../../shared/validation';
import type { BookAPrisonVisitDb, OutboxItem } from '../db';
import { prisonOrderKey } from '../commands';
import { openItemsOf, queuedInOrder } from '../outbox';
import { closureKey, type PrisonSettings } from './answered-copies';
import { cachedPrisonSettings } from './staff-store';
import type { Checked, FormErrors } from './decision-forms';

/*
 * The timetable and closures page's logic: the form's rows, their checks, and the server's copy
 * with the officer's queued changes laid over it, so a change made offline shows at once.
 */

/** A timetable row as typed: text until it is checked. */
export interface TimetableRow {
	/** Stable across edits, for keyed lists and field ids. */
	key: string;
	weekday: string;
	start: string;
	end: string;
	capacity: string;
	/** Closed (behind glass) tables; '' means none. */
	closedCapacity: string;
}

export function sortSlots<T extends Pick<TimetableSlot, 'weekday' | 'start'>>(slots: readonly T[]): T[] {
	return [...slots].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

export function rowsFromSlots(slots: readonly TimetableSlot[], newKey: () => string): TimetableRow[] {
	return sortSlots(slots).map((slot) => ({
		key: newKey(),
		weekday: String(slot.weekday),
		start: slot.start,
		end: slot.end,
		capacity: String(slot.capacity),
		closedCapacity: slot.closedCapacity ? String(slot.closedCapacity) : ''
	}));
}

/** Text as typed into a number for the schema: empty stays missing, so the person is asked for it. */
function numberOrMissing(text: string): number | undefined {
	const trimmed = text.trim();
	return trimmed === '' ? undefined : Number(trimmed);
}

/**
 * A time as an officer types it into a text box: "9:30", "9.30" and " 14:00 " are read as the 24-hour
 * "HH:MM" the schema takes; anything else is passed on as typed, for the schema to name.
 */
function typedTime(text: string): string {
	const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
	return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : text.trim();
}

/** Errors keyed by 'slots.<row>.<field>'. */
export function checkTimetable(rows: readonly TimetableRow[]): Checked<TimetableInput> {
	const parsed = parseInput(TimetableInput, {
		slots: rows.map((row) => ({
			weekday: numberOrMissing(row.weekday),
			start: typedTime(row.start),
			end: typedTime(row.end),
			capacity: numberOrMissing(row.capacity),
			closedCapacity: numberOrMissing(row.closedCapacity)
		}))
	});
	// Row by row, in the order of the columns, as the error summary lists them.
	if (!parsed.ok)
		return { ok: false, errors: mergeFieldErrors(parsed.fields, {}, ['slots', 'weekday', 'start', 'end', 'capacity', 'closedCapacity']) };
	// No closed tables is the same as none given: the server's copy then has no closedCapacity.
	const slots = parsed.value.slots.map(({ closedCapacity, ...slot }) => (closedCapacity ? { ...slot, closedCapacity } : slot));
	return { ok: true, body: { slots: sortSlots(slots) } };
}

export interface ClosureForm {
	date: string;
	/** '' for the whole day. */
	start: string;
	reason: string;
	/** '' for none. */
	reasonCy: string;
}

export function checkClosure(form: ClosureForm): Checked<ClosureInput> {
	const parsed = parseInput(ClosureInput, { date: form.date, start: form.start, reason: form.reason, reasonCy: form.reasonCy });
	if (parsed.ok) return { ok: true, body: parsed.value };
	const errors: FormErrors = {};
	for (const name of ['date', 'start', 'reason', 'reasonCy']) if (parsed.fields[name]) errors[name] = parsed.fields[name]!;
	return { ok: false, errors: Object.keys(errors).length > 0 ? errors : parsed.fields };
}

export type ShownClosure = Closure & { queued?: 'add' | 'remove' };

export interface ShownSettings {
	slots: TimetableSlot[];
	/** A timetable change is queued: `slots` shows it. */
	slotsQueued: boolean;
	closures: ShownClosure[];
	/** Changes the server refused, with its reason. */
	refused: OutboxItem[];
}

/**
 * The server's copy with this prison's open outbox items applied in queue order. A refused item
 * changes nothing (the server kept its copy) but is listed so the officer sees why.
 */
export function withQueuedChanges(server: { slots: TimetableSlot[]; closures: Closure[] }, items: readonly OutboxItem[]): ShownSettings {
	let slots = sortSlots(server.slots);
	let slotsQueued = false;
	const closures = new Map<string, ShownClosure>(server.closures.map((closure) => [closureKey(closure), { ...closure }]));
	const { waiting, refused } = queuedInOrder(items);
	for (const item of waiting) {
		if (item.kind === 'staff-timetable') {
			slots = sortSlots((item.body as TimetableInput).slots);
			slotsQueued = true;
		} else if (item.kind === 'staff-closure-add') {
			const closure = item.body as Closure;
			closures.set(closureKey(closure), { ...closure, queued: 'add' });
		} else if (item.kind === 'staff-closure-remove') {
			const key = closureKey(item.body as Closure);
			const existing = closures.get(key);
			if (existing?.queued === 'add') closures.delete(key);
			else if (existing) closures.set(key, { ...existing, queued: 'remove' });
		}
	}
	const shownClosures = [...closures.values()].sort((a, b) => closureKey(a).localeCompare(closureKey(b)));
	return { slots, slotsQueued, closures: shownClosures, refused };
}

/**
 * The prison's copy and its open outbox items, read in one transaction: an item settled between
 * two separate reads would show neither the queued change nor the server's answer to it.
 */
export function storedSettings(
	db: BookAPrisonVisitDb,
	prisonId: string
): Promise<{ settings: PrisonSettings | null; items: OutboxItem[] }> {
	return db.transaction('r', db.meta, db.outbox, async () => ({
		settings: (await cachedPrisonSettings(db, prisonId)) ?? null,
		items: await openItemsOf(db, prisonOrderKey(prisonId))
	}));
}
