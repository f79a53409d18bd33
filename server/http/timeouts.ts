// How long a client may take to send a request. Node's own defaults (5 minutes for a request,
// checked every 30 s) let a slow or endless body hold a connection and its handler for minutes;
// these make a client that stops sending get 408 and a closed connection promptly.
import type { ServerOptions } from 'node:http';

/** A whole request (headers and body) must arrive within this, unless REQUEST_TIMEOUT_SECONDS says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;

export function httpTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): ServerOptions {
	return {
		requestTimeout: requestTimeoutMs,
		// Node requires headersTimeout ≤ requestTimeout.
		headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
		// How often Node looks for requests past those limits: a fraction of the limit, at most 1 s.
		connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(requestTimeoutMs / 4)))
	};
}
