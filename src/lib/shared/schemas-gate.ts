import './zod-setup';
import { z } from 'zod';
import { LIMITS } from './domain';
import { t, type MessageKey } from './i18n';

/* The body of POST /api/staff/requests/:id/arrival (PRODUCT.md "At the gate"). */

const message = (key: MessageKey) => () => t(key);

const position = z
	.number({ error: message('field.visitorPosition.invalid') })
	.int({ error: message('field.visitorPosition.invalid') })
	.min(0, { error: message('field.visitorPosition.invalid') })
	.max(LIMITS.maxVisitorsPerRequest - 1, { error: message('field.visitorPosition.invalid') });

export const ArrivalInput = z.strictObject({
	/** When the visitors came through the gate (the tablet's clock, so an arrival queued offline keeps its time). */
	arrivedAt: z.iso.datetime({ offset: true, error: message('gate.validation.arrivedAt') }).optional(),
	/** Who came; all the booked visitors when absent. */
	visitors: z
		.array(position, { error: message('gate.validation.visitors') })
		.min(1, { error: message('gate.validation.visitors') })
		.max(LIMITS.maxVisitorsPerRequest, { error: message('gate.validation.visitors') })
		.optional()
		.transform((positions) => (positions ? [...new Set(positions)].sort((a, b) => a - b) : undefined))
});
export type ArrivalInputRaw = z.input<typeof ArrivalInput>;
export type ArrivalInput = z.output<typeof ArrivalInput>;
