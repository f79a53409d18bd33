import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS } from './sessions';

export const SESSION_COOKIE = 'bpv_session';

function isHttps(c: Context): boolean {
	return new URL(c.req.url).protocol === 'https:';
}

export function readSessionCookie(c: Context): string | undefined {
	return getCookie(c, SESSION_COOKIE) || undefined;
}

/** HttpOnly so scripts never see it; SameSite=Strict so other sites' pages never send it. */
export function setSessionCookie(c: Context, token: string): void {
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Strict',
		path: '/',
		secure: isHttps(c),
		maxAge: Math.floor(SESSION_TTL_MS / 1000)
	});
}

export function clearSessionCookie(c: Context): void {
	deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
}
