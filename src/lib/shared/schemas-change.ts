import './zod-setup';
import { z } from 'zod';
import { LIMITS } from './domain';
import { t, type MessageKey } from './i18n';
import { checkLeadContact, ConfirmInput, RejectInput, SlotRef, slotKey, uuid, VisitorsInput } from './schemas';

/*
 * Changing a booked visit (PRODUCT.md "Changing a visit"): the visitor's new choices of time
 * and/or of who is coming, and staff's decision on them. Both follow the same rules as a new
 * request's (the party's shape here; rules/visit-request.ts and rules/party.ts on the server,
 * against the new party or the stored one).
 */

const message = (key: MessageKey) => () => t(key);

export const ChangeInput = z
	.strictObject({
		/** Made on the device: the same change sent again from the outbox is recognised, never asked twice. */
		id: uuid('field.id.invalid').optional(),
		/** Absent: the time stays as booked (only who is coming changes). */
		slots: z
			.array(SlotRef, { error: message('validation.slots.none') })
			.min(1, { error: message('validation.slots.none') })
			.max(LIMITS.maxSlotsPerRequest, { error: message('validation.slots.tooMany') })
			.optional(),
		/** The whole new party, lead first, as a new request's; absent: the party stays. */
		visitors: VisitorsInput.optional()
	})
	.superRefine((input, ctx) => {
		// A change changes something: new times, a new party, or both.
		if (!input.slots && !input.visitors) {
			ctx.addIssue({ code: 'custom', path: ['slots'], message: t('validation.change.nothing') });
		}
		if (input.visitors) checkLeadContact(input.visitors, undefined, ctx);
		const seen = new Set<string>();
		(input.slots ?? []).forEach((slot, index) => {
			const key = slotKey(slot);
			if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['slots', index], message: t('validation.slots.duplicate') });
			seen.add(key);
		});
	});
export type ChangeInput = z.output<typeof ChangeInput>;

/**
 * A change judged with the request's chosen channels (as stored; absent or null: every channel the
 * family gave an address for): a new lead must be reachable on each, as a new request's lead.
 */
export const changeInputFor = (channels: readonly string[] | null | undefined) =>
	ChangeInput.superRefine((input, ctx) => {
		if (input.visitors && channels) checkLeadContact(input.visitors, channels, ctx);
	});

/**
 * Staff apply the change: the booking moves to one of the asked-for times (`slot`, absent for a
 * change of who is coming alone). A ban covering the date, for whoever will come, needs an override
 * reason, as a confirm does.
 */
export const ChangeConfirmInput = ConfirmInput.pick({ slot: true, message: true, override: true }).partial({ slot: true });
export type ChangeConfirmInput = z.output<typeof ChangeConfirmInput>;

/** Staff refuse the change; the old booking stands. Same reasons as refusing a request. */
export const ChangeRejectInput = RejectInput;
export type ChangeRejectInput = z.output<typeof ChangeRejectInput>;
