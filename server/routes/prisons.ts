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

/** Public reads: the prisons and their calendars, which devices cache for offline use. */
export function prisonRoutes(deps: AppDeps) {
	const calendars = createCalendarService(deps.db, deps.calendarChanges);
	return new Hono()
		.get('/', async (c) => {
			const prisons = await listPrisons(deps.db);
			return c.json({ prisons: prisons.map(publicPrison) }, 200);
		})
		.get('/:prisonId/slots', validateOnce('query', DateRangeQuery), async (c) => {
			const { from, to } = c.req.valid('query');
			const prisonId = c.req.param('prisonId');
			const answer = isUuid(prisonId) ? await calendars.get(prisonId, from, to, deps.clock()) : undefined;
			if (!answer) throw ApiError.notFound(t('api.prison.notFound'));
			c.header('ETag', answer.etag);
			// Devices must ask again each time (with If-None-Match), since places change.
			c.header('Cache-Control', 'no-cache');
			if (c.req.header('If-None-Match') === answer.etag) return c.body(null, 304);
			return respondJsonText(c, answer.body, 200);
		});
}
