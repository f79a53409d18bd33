import { currentLocale, isLocale, setLocale, setLocaleTracker, translate, type Locale } from '../shared/i18n';
import { areasOfPath, type Area } from '../shared/i18n/catalogues';
import { LANGUAGE_COOKIE } from '../shared/i18n/choice';
import { loadAreas } from '../shared/i18n/load';

/*
 * The device's language: chosen with the language link, remembered in a cookie (which the server
 * reads to render each page in it: i18n/choice.ts) and in localStorage (read before the first page
 * renders, which Dexie could not be without loading it first), and shown as <html lang>.
 * t() reads `version`, so every template and $derived that shows a message renders again, at once,
 * when the language changes; nothing reloads and nothing typed is lost.
 */

export const LANGUAGE_STORAGE_KEY = 'bpv.language';

let version = $state(0);
setLocaleTracker(() => {
	void version;
});

let started = false;
// Bookkeeping read only by the loaders below, never by a template or $derived: a SvelteSet would re-render nothing.
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- see above
const areas = new Set<Area>(['common']);

function storedLocale(): Locale | null {
	try {
		const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
		return isLocale(value) ? value : null;
	} catch {
		return null;
	}
}

function remember(locale: Locale): void {
	document.cookie = `${LANGUAGE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
	try {
		localStorage.setItem(LANGUAGE_STORAGE_KEY, locale);
	} catch {
		// Private mode with storage off: the choice lasts for this visit only.
	}
}

function cookieLocale(): Locale | null {
	const value = document.cookie
		.split('; ')
		.find((pair) => pair.startsWith(`${LANGUAGE_COOKIE}=`))
		?.slice(LANGUAGE_COOKIE.length + 1);
	return isLocale(value) ? value : null;
}

/**
 * The language chosen on this device (the cookie, or localStorage where a choice predates the
 * cookie), else the one the page was written in (the server's pick from the browser's languages,
 * or the service worker's), else Welsh if the browser's first language is Welsh.
 */
function firstLocale(): Locale {
	const chosen = cookieLocale() ?? storedLocale();
	if (chosen) return chosen;
	const written = document.documentElement.lang;
	if (isLocale(written)) return written;
	return navigator.languages?.[0]?.toLowerCase().startsWith('cy') ? 'cy' : 'en';
}

function showInDocument(locale: Locale): void {
	document.documentElement.lang = locale;
	document.querySelector('meta[name="description"]')?.setAttribute('content', translate(locale, 'service.description'));
	// The name under the home-screen icon: the browser reads the manifest linked when the app is
	// installed, so a Welsh page links the Welsh one (same id and start_url: one app either way).
	const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
	manifest?.setAttribute(
		'href',
		manifest
			.getAttribute('href')!
			.replace(/manifest(\.cy)?\.webmanifest$/, locale === 'cy' ? 'manifest.cy.webmanifest' : 'manifest.webmanifest')
	);
	navigator.serviceWorker?.controller?.postMessage({ type: 'LANGUAGE', locale });
}

/**
 * Before a page renders (root layout's load): the device's language, and the messages that page's
 * area needs in it. `?lang=cy` in a link chooses the language too.
 */
export async function prepareLanguage(pathname: string, requested: string | null): Promise<void> {
	if (!started) {
		started = true;
		const chosen = isLocale(requested) ? requested : firstLocale();
		// A choice made before the server read cookies (localStorage only) is told to it once.
		if (isLocale(requested) || (!cookieLocale() && storedLocale() === chosen)) remember(chosen);
		setLocale(chosen);
	}
	for (const area of areasOfPath(pathname)) areas.add(area);
	const locale = currentLocale();
	await loadAreas(locale, [...areas]);
	showInDocument(locale);
}

/** The language link: loads the other language's messages for the areas in use, then switches. */
export async function switchLanguage(locale: Locale): Promise<void> {
	await loadAreas(locale, [...areas]);
	setLocale(locale);
	remember(locale);
	showInDocument(locale);
	version += 1;
}

/**
 * After the first paint of the start page: the next pages' messages (the form checks' too), so
 * tapping Start does not wait for them and they are on the device when the signal goes.
 */
export function prefetchVisitorMessages(): void {
	const next = areasOfPath('/book');
	for (const area of next) areas.add(area);
	void loadAreas(currentLocale(), next).catch(() => {});
}
