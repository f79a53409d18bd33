import type { Area, catalogues } from './catalogues';

/*
 * Messages in English and Welsh. Every word a person reads comes from a catalogue (en/*.ts with
 * cy/*.ts beside it, listed in catalogues.ts). `translate(locale, key)` renders in a given
 * language (the server: push, email, .ics); `t(key)` renders in the current one, which is the
 * device's chosen language in the PWA and the request's Accept-Language on the server.
 * This file holds no messages: the PWA loads them by language and area (load.ts), the server and
 * the tests load them all (all.ts), the service worker registers the common ones itself.
 */

export type { Area };
export const LOCALES = ['en', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageParams = Record<string, string | number>;

type Catalogues = typeof catalogues;
type EnglishOf<K extends keyof Catalogues> = Awaited<ReturnType<Catalogues[K]['en']>>;
/** Every key of every English file listed in catalogues.ts. */
export type MessageKey = { [K in keyof Catalogues]: keyof EnglishOf<K>[keyof EnglishOf<K>] }[keyof Catalogues] & string;

const messages: Record<Locale, Map<string, string>> = { en: new Map(), cy: new Map() };

let current: Locale = 'en';
let localeSource: () => Locale | undefined = () => undefined;
let track: () => void = () => {};

export function isLocale(value: unknown): value is Locale {
	return value === 'en' || value === 'cy';
}

/** `cy` (or `cy-GB`, `CY`) as the first choice of an Accept-Language header means Welsh; anything else English. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
	const first = header?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';
	return first === 'cy' || first.startsWith('cy-') ? 'cy' : 'en';
}

/** The language t() renders in now. */
export function currentLocale(): Locale {
	track();
	return localeSource() ?? current;
}

export function setLocale(locale: Locale): void {
	current = locale;
}

/** The server answers each request in its own language: it passes the request-scoped locale here. */
export function setLocaleSource(source: () => Locale | undefined): void {
	localeSource = source;
}

/** The PWA makes t() reactive: `tracker` reads a piece of state that changes when the language does. */
export function setLocaleTracker(tracker: () => void): void {
	track = tracker;
}

/** Adds a catalogue module's messages (each exported object's entries) to a language. */
export function registerMessages(locale: Locale, module: object): void {
	const target = messages[locale];
	for (const group of Object.values(module) as Record<string, string>[]) {
		for (const [key, text] of Object.entries(group)) target.set(key, text);
	}
}

/** Whether a key is in the catalogue (of any language loaded so far). */
export function isMessageKey(key: string): key is MessageKey {
	return messages.en.has(key) || messages.cy.has(key);
}

/** A message in the given language with its {placeholders} filled. A key not loaded shows as itself. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = messages[locale].get(key) ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translate(currentLocale(), key, params);
}
