import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { t } from '../../src/lib/shared/i18n/index';
import { errorBody } from './errors';

/** Largest JSON body the API accepts. A full visit request is about 2 KB. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** Refuses larger bodies with 413 in the contract's shape (by Content-Length, or while streaming). */
export function apiBodyLimit(maxBytes = MAX_API_BODY_BYTES): MiddlewareHandler {
	const limit = bodyLimit({
		maxSize: maxBytes,
		onError: (c) => c.json(errorBody('payload_too_large', t('platform.error.payloadTooLarge')), 413)
	});
	// Reads never look at a body. Asking whether there is one makes @hono/node-server build a whole
	// fetch Request (headers, an AbortSignal) for the request, which was most of a cached calendar's cost.
	return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}
