import './zod-setup';
import { z } from 'zod';
import { LIMITS } from './domain';
import { t, tPlural, type MessageKey } from './i18n';
import { prisonerNumber } from './schemas';

/*
 * Booking at once and review (PRODUCT.md Round 3): staff keeping a visit that needs review, and
 * non-associations on the prisoner's record. Form only, as in schemas.ts; that a prisoner is not
 * non-associated with themselves is the server's to check (it knows whose record this is).
 */

const message = (key: MessageKey) => () => t(key);

const requiredText = (key: MessageKey) =>
	z
		.string({ error: message(key) })
		.trim()
		.min(1, { error: message(key) })
		.max(LIMITS.closureReasonMax, { error: () => tPlural('validation.tooLong', LIMITS.closureReasonMax) });

export const ReviewDecisionInput = z.strictObject({
	decision: z.literal('keep', { error: message('instant.field.reviewDecision.invalid') }),
	reason: requiredText('instant.field.reviewReason.required')
});
export type ReviewDecisionInput = z.output<typeof ReviewDecisionInput>;

export const NonAssociationInput = z.strictObject({
	prisonerNumber,
	reason: requiredText('instant.field.nonAssoc.reason')
});
export type NonAssociationInput = z.output<typeof NonAssociationInput>;
