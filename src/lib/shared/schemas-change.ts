import './zod-setup';
import { z } from 'zod';
import { LIMITS } from './domain';
import { t, type MessageKey } from './i18n';
import { ConfirmInput, RejectInput, SlotRef, slotKey } from './schemas';

/*
 * Changing a booked visit (issue #20, PRODUCT.md "Changing a visit"): the visitor's new choices,
 * and staff's decision on them. The choices follow the same rules as a new request's
 * (rules/visit-request.ts, judged by the server against the stored party).
 */

const message = (key: MessageKey) => () => t(key);

export const ChangeInput = z
	.strictObject({
		/** Made on the device: the same change sent again from the outbox is recognised, never asked twice. */
		id: z.uuid({ error: message('field.id.invalid') }).optional(),
		slots: z
			.array(SlotRef, { error: message('validation.slots.none') })
			.min(1, { error: message('validation.slots.none') })
			.max(LIMITS.maxSlotsPerRequest, { error: message('validation.slots.tooMany') })
	})
	.superRefine((input, ctx) => {
		const seen = new Set<string>();
		input.slots.forEach((slot, index) => {
			const key = slotKey(slot);
			if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['slots', index], message: t('validation.slots.duplicate') });
			seen.add(key);
		});
	});
export type ChangeInput = z.output<typeof ChangeInput>;

/** Staff move the booking to one of the asked-for times. */
export const ChangeConfirmInput = ConfirmInput.pick({ slot: true, message: true });
export type ChangeConfirmInput = z.output<typeof ChangeConfirmInput>;

/** Staff refuse the change; the old booking stands. Same reasons as refusing a request. */
export const ChangeRejectInput = RejectInput;
export type ChangeRejectInput = z.output<typeof ChangeRejectInput>;
