import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's IP address as seen by this server, for per-IP limits. Forwarded headers are not trusted
 * (anyone can set them) unless TRUST_PROXY is on: then the last X-Forwarded-For entry, the one our own
 * proxy added, is the caller. Without it, behind a proxy every caller shares the proxy's address,
 * which is the safe side. The config is required, so no limit can forget TRUST_PROXY. 'unknown' when the request did not come through a socket (app.request() in tests).
 */
export function clientAddress(c: Context, config: { trustProxy?: boolean }): string {
	if (config.trustProxy) {
		const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
		if (forwarded) return forwarded;
	}
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}
