import './zod-setup';
import { z } from 'zod';
import { GATE_OUTCOMES, LIMITS } from './domain';
import { t, type MessageKey } from './i18n';
import { optionalText } from './schemas';

/* The bodies of POST and PATCH /api/staff/requests/:id/arrival (PRODUCT.md "At the gate", "Outcomes at the gate"). */

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
		.transform((positions) => (positions ? [...new Set(positions)].sort((a, b) => a - b) : undefined)),
	/** How the visit went; `attended` when absent. */
	outcome: z.enum(GATE_OUTCOMES, { error: message('journeys.gate.validation.outcome') }).optional(),
	/** What the officer wants the record to say about it (why entry was refused, for example). */
	note: optionalText(LIMITS.messageMax)
});
export type ArrivalInputRaw = z.input<typeof ArrivalInput>;
export type ArrivalInput = z.output<typeof ArrivalInput>;

/** How a visit that has arrived went, told after the arrival (a visitor who left early, a visit ended by staff). */
export const OutcomeInput = z.strictObject({
	outcome: z.enum(GATE_OUTCOMES, { error: message('journeys.gate.validation.outcome') }),
	note: optionalText(LIMITS.messageMax)
});
export type OutcomeInput = z.output<typeof OutcomeInput>;
