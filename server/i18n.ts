// The server's languages: every catalogue in both languages (loaded before anything else runs), and
// a per-request language, so t() anywhere in a request's code (zod messages, ApiError) answers in the
// language of its Accept-Language header: `cy…` → Welsh, anything else → English (PRODUCT.md "Language").
// Push, email and .ics are rendered with translate(locale, …) in the visitor's stored language instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import '../src/lib/shared/i18n/all';
import { localeFromAcceptLanguage, setLocaleSource, type Locale } from '../src/lib/shared/i18n/index';

const requestLocale = new AsyncLocalStorage<Locale>();
setLocaleSource(() => requestLocale.getStore());

/** Runs the rest of the request in its Accept-Language; error answers say which language they are in. */
export const languageFromRequest: MiddlewareHandler = async (c, next) => {
	const locale = localeFromAcceptLanguage(c.req.header('accept-language'));
	await requestLocale.run(locale, () => next());
	if (c.res.status >= 400) {
		c.res.headers.set('Content-Language', locale);
		c.res.headers.append('Vary', 'Accept-Language');
	}
};
