import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { publicOriginIsHttps, type PublicOriginConfig } from '../http/public-origin';
import { SESSION_TTL_MS } from './sessions';

export const SESSION_COOKIE = 'bpv_session';

export function readSessionCookie(c: Context): string | undefined {
	return getCookie(c, SESSION_COOKIE) || undefined;
}

/**
 * HttpOnly so scripts never see it; SameSite=Strict so other sites' pages never send it; Secure when
 * the public origin is https (PUBLIC_URL, or TRUST_PROXY with X-Forwarded-Proto: https).
 */
export function setSessionCookie(c: Context, token: string, config?: PublicOriginConfig): void {
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Strict',
		path: '/',
		secure: publicOriginIsHttps(c, config),
		maxAge: Math.floor(SESSION_TTL_MS / 1000)
	});
}

export function clearSessionCookie(c: Context, config?: PublicOriginConfig): void {
	deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: publicOriginIsHttps(c, config) });
}
