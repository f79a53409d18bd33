import { AsyncLocalStorage } from 'node:async_hooks';
import { building } from '$app/environment';
import type { Handle, HandleFetch } from '@sveltejs/kit';
import '$lib/shared/i18n/all';
import { isLocale, setLocaleSource, type Locale } from '$lib/shared/i18n';
import { LANGUAGE_COOKIE, pageLocale } from '$lib/shared/i18n/choice';

/*
 * Every page is rendered in its reader's language: t() in a component reads the language of the
 * request being rendered. A language asked for in the link is remembered in a cookie, so the link
 * works with JavaScript off and the next page is in that language too.
 */
const requestLocale = new AsyncLocalStorage<Locale>();
setLocaleSource(() => requestLocale.getStore());

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	const chosen = event.cookies.get(LANGUAGE_COOKIE);
	const locale = pageLocale(asked, chosen, event.request.headers.get('accept-language'));
	if (isLocale(asked) && asked !== chosen) {
		event.cookies.set(LANGUAGE_COOKIE, asked, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: YEAR_SECONDS
		});
	}
	// The offline shell is made at build time for every reader: the service worker fills in its language.
	const lang = building ? '' : locale;
	const response = await requestLocale.run(locale, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%bpv.lang%', lang) })
	);
	if (!isLocale(chosen)) response.headers.append('Vary', 'Accept-Language');
	return response;
};

/** A page's own reads of the API (the prisons to choose from) go to the API in this process, not over the network. */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
	const url = new URL(request.url);
	if (event.platform && url.origin === event.url.origin && url.pathname.startsWith('/api/')) return event.platform.api(request);
	return fetch(request);
};
