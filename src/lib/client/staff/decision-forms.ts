import { t } from '../../shared/i18n';
import { ageOn } from '../../shared/rules/dates';
import type { OverridableFlag } from '../../shared/domain';
import { ConfirmInput, RejectInput, StaffCancelInput } from '../../shared/schemas';
import { parseInput } from '../../shared/validation';

/*
 * The three decision forms, checked with the same schemas the server uses before anything is
 * queued. Errors come back keyed by form field, in the order the fields appear on the page.
 */

export type FormErrors = Record<string, string>;
export type Checked<T> = { ok: true; body: T } | { ok: false; errors: FormErrors };

/** A checked form's body turned into something else (e.g. the outbox command that sends it). */
export function mapChecked<T, U>(checked: Checked<T>, into: (body: T) => U): Checked<U> {
	return checked.ok ? { ok: true, body: into(checked.body) } : checked;
}

/** The first message under each of a form's fields, e.g. 'slot.date' counts for 'slot'. */
function byField(fields: Record<string, string>, order: readonly string[]): FormErrors {
	const errors: FormErrors = {};
	for (const name of order) {
		const entry = Object.entries(fields).find(([path]) => path === name || path.startsWith(`${name}.`));
		if (entry) errors[name] = entry[1];
	}
	const unplaced = Object.entries(fields).filter(([path]) => !order.some((name) => path === name || path.startsWith(`${name}.`)));
	// A rule with no field of its own (should not happen) still reaches the person.
	if (unplaced.length > 0 && Object.keys(errors).length === 0) errors[order[0]!] = unplaced[0]![1];
	return errors;
}

/** 'YYYY-MM-DDTHH:MM' (slotKey) back into a slot. */
export function slotFromKey(key: string): { date: string; start: string } | null {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(key);
	return match ? { date: match[1]!, start: match[2]! } : null;
}

export interface ConfirmForm {
	slot: string;
	excludedVisitors: number[];
	message: string;
	/** Why the officer goes ahead despite a blocking flag (a banned visitor coming, no allowance left). */
	override?: string;
	/** A blocking flag holds for this slot and these visitors: a reason is needed. */
	overrideRequired?: boolean;
	/** The blocking flags the officer was shown and goes ahead despite: the override names them. */
	overrideCodes?: OverridableFlag[];
	/** The request's visitors and the prison's adult age: with the lead left out, another adult must lead. */
	party?: { visitors: readonly { dateOfBirth: string }[]; adultAge: number };
}

export function checkConfirm(form: ConfirmForm): Checked<ConfirmInput> {
	const slot = slotFromKey(form.slot);
	if (!slot) return { ok: false, errors: { slot: t('staff.confirm.slotRequired') } };
	const errors: FormErrors = {};
	const party = form.party;
	if (party && form.excludedVisitors.includes(0)) {
		const leader = party.visitors.some(
			(visitor, position) => !form.excludedVisitors.includes(position) && ageOn(visitor.dateOfBirth, slot.date) >= party.adultAge
		);
		if (!leader) errors.excludedVisitors = t('journeys.confirm.leadNeedsAdult', { age: party.adultAge });
	}
	const reason = form.override?.trim() ?? '';
	if (form.overrideRequired && !reason) errors.override = t('prisoners.field.overrideReason.required');
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const parsed = parseInput(ConfirmInput, {
		slot,
		excludedVisitors: form.excludedVisitors,
		message: form.message,
		...(form.overrideRequired && reason ? { override: { reason, codes: form.overrideCodes ?? [] } } : {})
	});
	if (parsed.ok) return { ok: true, body: parsed.value };
	return { ok: false, errors: byField(parsed.fields, ['slot', 'excludedVisitors', 'message', 'override']) };
}

export interface RejectForm {
	reasons: string[];
	message: string;
}

export function checkReject(form: RejectForm): Checked<RejectInput> {
	const parsed = parseInput(RejectInput, { reasons: form.reasons, message: form.message });
	return parsed.ok ? { ok: true, body: parsed.value } : { ok: false, errors: byField(parsed.fields, ['reasons', 'message']) };
}

export interface CancelForm {
	reason: string;
	message: string;
}

export function checkCancel(form: CancelForm): Checked<StaffCancelInput> {
	if (!form.reason) return { ok: false, errors: { reason: t('field.reason.required') } };
	const parsed = parseInput(StaffCancelInput, { reason: form.reason, message: form.message });
	return parsed.ok ? { ok: true, body: parsed.value } : { ok: false, errors: byField(parsed.fields, ['reason', 'message']) };
}

/** Ticks or unticks a value, keeping the order things were ticked in. */
export function toggled<T>(values: readonly T[], value: T, checked: boolean): T[] {
	const without = values.filter((v) => v !== value);
	return checked ? [...without, value] : without;
}
