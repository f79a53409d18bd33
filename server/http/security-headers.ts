// Security headers for every response.
//
// Pages start the app with an inline <script>; SvelteKit (csp mode 'hash' in svelte.config.js) names
// its sha256 in a CSP of its own: a header on a page it renders, a <meta> in the app shell made at
// build time. This server's CSP replaces the page's header and applies on top of the shell's meta, so
// it allows the same hashes: the page's own, or the shell's, read from the build at start-up rather
// than copied here; scripts stay limited to 'self' plus those hashes (no 'unsafe-inline').
// Styles allow 'unsafe-inline': app.html's wrapper uses a style attribute and Svelte sets inline styles;
// CSS cannot run code, so this does not reopen script injection.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { APP_SHELL } from './static-app';
import { publicOriginIsHttps, type OriginRequest, type PublicOriginConfig } from './public-origin';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The 'sha256-…' sources of a policy's script-src. */
function scriptHashesOfPolicy(policy: string | null | undefined): string[] {
	const scriptSrc = policy
		?.split(';')
		.map((d) => d.trim())
		.find((d) => d.startsWith('script-src'));
	return scriptSrc?.match(/'sha(256|384|512)-[A-Za-z0-9+/=]+'/g) ?? [];
}

/** The 'sha256-…' sources from the meta CSP of a built page (none when the file is absent). */
export function scriptHashesFromHtml(html: string): string[] {
	return scriptHashesOfPolicy(/<meta[^>]+http-equiv=["']content-security-policy["'][^>]*content=(["'])(.*?)\1/i.exec(html)?.[2]);
}

/** The app shell's script hashes, from the build in `buildDir`. */
export function readScriptHashes(buildDir: string): string[] {
	try {
		return scriptHashesFromHtml(readFileSync(path.join(buildDir, 'client', APP_SHELL), 'utf8'));
	} catch {
		return [];
	}
}

export function appContentSecurityPolicy(scriptHashes: readonly string[]): string {
	return [
		"default-src 'self'",
		`script-src 'self' ${scriptHashes.join(' ')}`.trim(),
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers every answer carries, by kind: one list for the middleware and the calendar's fast path (server/prisons/calendar-fast-path.ts). */
export function securityHeaderValues(kind: 'api' | 'app', scriptHashes: readonly string[] = []): Record<string, string> {
	return {
		'Content-Security-Policy': kind === 'api' ? API_CSP : appContentSecurityPolicy(scriptHashes),
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Referrer-Policy': 'no-referrer',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()'
	};
}

/** Strict-Transport-Security, when the public origin is https (not the socket: behind a TLS-terminating proxy the request here is http). */
export function hstsFor(c: OriginRequest, options: PublicOriginConfig): string | undefined {
	return publicOriginIsHttps(c, options) ? HSTS : undefined;
}

export function securityHeaders(options: { scriptHashes: readonly string[] } & PublicOriginConfig): MiddlewareHandler {
	const forApi = Object.entries(securityHeaderValues('api'));
	const forApp = Object.entries(securityHeaderValues('app', options.scriptHashes));
	return async (c, next) => {
		await next();
		const headers = c.res.headers;
		const isApi = c.req.path === '/api' || c.req.path.startsWith('/api/');
		// A page SvelteKit rendered names its own inline script; anything else is the shell or a file.
		const pageHashes = isApi ? [] : scriptHashesOfPolicy(headers.get('Content-Security-Policy'));
		const values = isApi ? forApi : pageHashes.length > 0 ? Object.entries(securityHeaderValues('app', pageHashes)) : forApp;
		for (const [name, value] of values) {
			// A 304 keeps the page the browser has, whose policy names that page's script: a policy
			// sent with it would replace that one (RFC 9111 §4.3.4) with the shell's.
			if (!isApi && name === 'Content-Security-Policy' && c.res.status === 304) continue;
			headers.set(name, value);
		}
		const hsts = hstsFor(c, options);
		if (hsts) headers.set('Strict-Transport-Security', hsts);
	};
}
