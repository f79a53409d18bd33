import { isLocale, localeFromAcceptLanguage, type Locale } from './index';

/** Remembers the language chosen with the language link, for the server that renders the pages and for the app. */
export const LANGUAGE_COOKIE = 'bpv-language';

/**
 * The language a page is written in: the one asked for in the link (`?lang=cy`), else the one chosen
 * before (the cookie), else the browser's first language (Accept-Language, which decides only when
 * nothing was chosen).
 */
export function pageLocale(asked: string | null, chosen: string | null | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(asked)) return asked;
	if (isLocale(chosen)) return chosen;
	return localeFromAcceptLanguage(acceptLanguage);
}
