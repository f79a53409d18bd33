import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { requestLineLogger, type Logger } from '../log';

/**
 * One line per API request: method, the route pattern (/api/visit-requests/:id, not the id), status and
 * duration. No query strings, bodies or headers: they can hold personal data.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
	const lines = requestLineLogger(logger);
	return async (c, next) => {
		const started = performance.now();
		await next();
		lines.info(
			{
				method: c.req.method,
				// -1: the last route that matched, i.e. the handler, not this middleware.
				route: routePath(c, -1),
				status: c.res.status,
				ms: Math.round(performance.now() - started)
			},
			'request'
		);
	};
}
