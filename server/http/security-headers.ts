// Security headers for every response.
//
// The built SPA's index.html starts the app with an inline <script>; SvelteKit (csp mode 'hash' in
// svelte.config.js) puts its sha256 in a <meta> CSP. A header CSP is applied on top of the meta one, so
// it must allow the same hashes: they are read from build/index.html at start-up rather than copied here,
// and scripts stay limited to 'self' plus those hashes (no 'unsafe-inline').
// Styles allow 'unsafe-inline': app.html's wrapper uses a style attribute and Svelte sets inline styles;
// CSS cannot run code, so this does not reopen script injection.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { publicOriginIsHttps, type OriginRequest, type PublicOriginConfig } from './public-origin';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The 'sha256-…' sources from the meta CSP of a built index.html (none when the file is absent). */
export function scriptHashesFromIndexHtml(indexHtml: string): string[] {
	const meta = /<meta[^>]+http-equiv=["']content-security-policy["'][^>]*content=(["'])(.*?)\1/i.exec(indexHtml);
	const scriptSrc = meta?.[2]
		?.split(';')
		.map((d) => d.trim())
		.find((d) => d.startsWith('script-src'));
	return scriptSrc?.match(/'sha(256|384|512)-[A-Za-z0-9+/=]+'/g) ?? [];
}

export function readScriptHashes(staticDir: string): string[] {
	try {
		return scriptHashesFromIndexHtml(readFileSync(path.join(staticDir, 'index.html'), 'utf8'));
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
		for (const [name, value] of isApi ? forApi : forApp) headers.set(name, value);
		const hsts = hstsFor(c, options);
		if (hsts) headers.set('Strict-Transport-Security', hsts);
	};
}
