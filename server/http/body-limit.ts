import { bodyLimit } from 'hono/body-limit';
import { t } from '../../src/lib/shared/i18n/index';
import { errorBody } from './errors';

/** Largest JSON body the API accepts. A full visit request is about 2 KB. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** Refuses larger bodies with 413 in the contract's shape (by Content-Length, or while streaming). */
export function apiBodyLimit(maxBytes = MAX_API_BODY_BYTES) {
	return bodyLimit({
		maxSize: maxBytes,
		onError: (c) => c.json(errorBody('payload_too_large', t('platform.error.payloadTooLarge')), 413)
	});
}
