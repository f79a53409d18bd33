import { Hono } from 'hono';
import { t } from '../../src/lib/shared/i18n';
import { DateRangeQuery } from '../../src/lib/shared/schemas';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { respondJsonText } from '../http/json-text';
import { validateOnce } from '../http/validation';
import { createCalendarService } from '../prisons/calendar';
import { listPrisons, publicPrison } from '../prisons/repository';
import { z } from 'zod';
import { CalendarAnswer, PrisonAnswer } from '../openapi/answers';
import { docs, empty, error, json } from '../openapi/describe';

const PrisonListAnswer = z.object({ prisons: z.array(PrisonAnswer) });

/** Public reads: the prisons and their calendars, which devices cache for offline use. */
export function prisonRoutes(deps: AppDeps) {
	const calendars = createCalendarService(deps.db, deps.calendarChanges);
	return new Hono()
		.get('/', docs({ summary: 'Every prison, with its rules and visitor information', tags: ['prisons'], answers: { 200: json(PrisonListAnswer, 'The prisons') } }), async (c) => {
			const prisons = await listPrisons(deps.db);
			return c.json({ prisons: prisons.map(publicPrison) }, 200);
		})
		.get(
			'/:prisonId/slots',
			docs({
				summary: "A prison's calendar: each day's slots and free places",
				description: 'Send If-None-Match with the ETag of the copy you hold: 304 when nothing changed.',
				tags: ['prisons'],
				answers: {
					200: { ...json(CalendarAnswer, 'The calendar'), headers: { ETag: { description: 'Send it back as If-None-Match', schema: { type: 'string' } } } },
					304: empty('Nothing changed since the ETag given'),
					404: error('No such prison')
				}
			}),
			validateOnce('query', DateRangeQuery), async (c) => {
			const { from, to } = c.req.valid('query');
			const prisonId = c.req.param('prisonId');
			const answer = isUuid(prisonId) ? await calendars.get(prisonId, from, to, deps.clock()) : undefined;
			if (!answer) throw ApiError.notFound(t('api.prison.notFound'));
			c.header('ETag', answer.etag);
			// Devices must ask again each time (with If-None-Match), since places change.
			c.header('Cache-Control', 'no-cache');
			if (c.req.header('If-None-Match') === answer.etag) return c.body(null, 304);
			return respondJsonText(c, answer.body, 200);
		}
	);
}
