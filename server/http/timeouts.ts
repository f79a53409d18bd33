// How long a client may take to send a request. Node's own defaults (5 minutes for a request,
// checked every 30 s) let a slow or endless body hold a connection and its handler for minutes;
// these make a client that stops sending get 408 and a closed connection promptly.
import type { ServerOptions } from 'node:http';

/** A whole request (headers and body) must arrive within this, unless REQUEST_TIMEOUT_SECONDS says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * How long an idle keep-alive connection stays open. Longer than a proxy's or client's own idle
 * limit (60 s at the common load balancers, 4 s at Node's fetch), so the client is the one that
 * closes it: a server that closes first races a client sending its next request on the same
 * connection, which then fails with a reset (Node's 5 s default did, whenever the caller's event
 * loop was busy for a few seconds between two requests).
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function httpTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): ServerOptions {
	return {
		requestTimeout: requestTimeoutMs,
		// Node requires headersTimeout ≤ requestTimeout.
		headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
		keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
		// How often Node looks for requests past those limits: a fraction of the limit, at most 1 s.
		connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(requestTimeoutMs / 4)))
	};
}
