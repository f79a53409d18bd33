/** What the origin rules read of a request: a Hono Context fits, and so does the calendar's fast path. */
export interface OriginRequest {
	req: { url: string; header(name: string): string | undefined };
}

export interface PublicOriginConfig {
	publicUrl?: string | undefined;
	trustProxy?: boolean | undefined;
}

/** The last entry of a comma-separated forwarded header, the one our own proxy added. */
function lastForwarded(value: string | undefined): string | undefined {
	return value?.split(',').at(-1)?.trim() || undefined;
}

/**
 * The origin people reach this server at, for the Origin check, the Secure cookie and HSTS:
 * - PUBLIC_URL when set (Host and forwarded headers are then ignored, so `Host: evil.example` with a
 *   matching Origin gets nowhere: DNS rebinding);
 * - else, with TRUST_PROXY, X-Forwarded-Proto and X-Forwarded-Host from the proxy (each falls back to
 *   the request's own when absent);
 * - else the request's own scheme and Host.
 */
export function publicOrigin(c: OriginRequest, config?: PublicOriginConfig): string {
	if (config?.publicUrl) return config.publicUrl;
	const own = new URL(c.req.url);
	if (!config?.trustProxy) return own.origin;
	const proto = lastForwarded(c.req.header('X-Forwarded-Proto'))?.toLowerCase();
	const host = lastForwarded(c.req.header('X-Forwarded-Host'));
	const scheme = proto === 'https' || proto === 'http' ? proto : own.protocol.slice(0, -1);
	try {
		return new URL(`${scheme}://${host ?? own.host}`).origin;
	} catch {
		return own.origin;
	}
}

export function publicOriginIsHttps(c: OriginRequest, config?: PublicOriginConfig): boolean {
	// The same answer as publicOrigin's, without parsing a URL where no header can change it (every API answer asks).
	if (config?.publicUrl) return config.publicUrl.startsWith('https:');
	if (!config?.trustProxy) return c.req.url.startsWith('https:');
	return publicOrigin(c, config).startsWith('https:');
}
