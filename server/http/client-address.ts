import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's IP address as seen by this server, for per-IP limits. Forwarded headers are not trusted
 * (anyone can set them); behind a proxy every caller shares the proxy's address, which is the safe side.
 * 'unknown' when the request did not come through a socket (app.request() in tests).
 */
export function clientAddress(c: Context): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}
