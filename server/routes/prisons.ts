import { Hono } from 'hono';
import { t } from '../../src/lib/shared/i18n';
import { DateRangeQuery } from '../../src/lib/shared/schemas';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Calendar } from '../../src/lib/shared/answers';
import { validateOnce } from '../http/validation';
import type { CalendarService } from '../prisons/calendar';
import { calendarRepresentation } from '../prisons/calendar-fast-path';
import { listPrisons, publicPrison } from '../prisons/repository';
import { z } from 'zod';
import { CalendarAnswer, PrisonAnswer } from '../openapi/answers';
import { docs, empty, error, json } from '../openapi/describe';

const PrisonListAnswer = z.object({ prisons: z.array(PrisonAnswer) });

/**
 * Public reads: the prisons and their calendars, which devices cache for offline use. A calendar the
 * cache can answer as it is is usually answered before this (server/prisons/calendar-fast-path.ts).
 */
export function prisonRoutes(deps: AppDeps, calendars: CalendarService) {
	return new Hono()
		.get(
			'/',
			docs({
				summary: 'Every prison, with its rules and visitor information',
				tags: ['prisons'],
				answers: { 200: json(PrisonListAnswer, 'The prisons') }
			}),
			async (c) => {
				const prisons = await listPrisons(deps.db);
				return c.json({ prisons: prisons.map(publicPrison) }, 200);
			}
		)
		.get(
			'/:prisonId/slots',
			docs({
				summary: "A prison's calendar: each day's slots and free places",
				description: 'Send If-None-Match with the ETag of the copy you hold: 304 when nothing changed.',
				tags: ['prisons'],
				answers: {
					200: {
						...json(CalendarAnswer, 'The calendar'),
						headers: { ETag: { description: 'Send it back as If-None-Match', schema: { type: 'string' } } }
					},
					304: empty('Nothing changed since the ETag given'),
					404: error('No such prison')
				}
			}),
			validateOnce('query', DateRangeQuery),
			async (c) => {
				const { from, to } = c.req.valid('query');
				const prisonId = c.req.param('prisonId');
				const answer = isUuid(prisonId) ? await calendars.get(prisonId, from, to, deps.clock()) : undefined;
				if (!answer) throw ApiError.notFound(t('api.prison.notFound'));
				const { status, body, headers } = calendarRepresentation(answer, c.req.header('If-None-Match'), c.req.header('Accept-Encoding'));
				if (status === 304) return c.body(null, 304, headers);
				// Typed as the JSON it is (possibly compressed), so the PWA's typed client sees a Calendar.
				return c.body(body as Uint8Array<ArrayBuffer>, 200, headers) as unknown as Response &
					TypedResponse<JSONParsed<Calendar>, 200, 'json'>;
			}
		);
}
