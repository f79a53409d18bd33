import type { catalogues } from './catalogues';
import { fitWelshValue } from './welsh';

/*
 * Messages in English and Welsh. Every word a person reads comes from a catalogue (en/*.ts with
 * cy/*.ts beside it, listed in catalogues.ts). `translate(locale, key)` renders in a given
 * language (the server: push, email, .ics); `t(key)` renders in the current one, which is the
 * device's chosen language in the PWA and the request's Accept-Language on the server.
 * This file holds no messages: the PWA loads them by language and area (load.ts), the server and
 * the tests load them all (all.ts), the service worker registers the common ones itself.
 */
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

/**
 * A message in the given language with its {placeholders} filled. A key not loaded shows as itself.
 * In Welsh each value is fitted to the words before it (mutation, "ag"/"ac": welsh.ts).
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = messages[locale].get(key) ?? key;
	if (!params) return template;
	if (locale !== 'cy') return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
	let text = '';
	let last = 0;
	for (const match of template.matchAll(/\{(\w+)\}/g)) {
		text += template.slice(last, match.index);
		last = match.index + match[0].length;
		const name = match[1]!;
		if (!(name in params)) {
			text += match[0];
			continue;
		}
		const fitted = fitWelshValue(text, String(params[name]));
		text = fitted.before + fitted.value;
	}
	return text + template.slice(last);
}

/** A message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translate(currentLocale(), key, params);
}

// ── Counts ──────────────────────────────────────────────────────────────────
// A count message is a set of keys, `base.one` and `base.other` in English, and in Welsh any of
// `base.zero`, `.one`, `.two`, `.few`, `.many` (the noun after a number mutates: "2 gais", "3 chais")
// with `.other` for every number without its own form. The number is always `{count}`.

type BaseOf<K> = K extends `${infer B}.other` ? (`${B}.one` extends MessageKey ? B : never) : never;
/** The base of every count message: an English `base.one` beside `base.other`. */
export type PluralBase = BaseOf<MessageKey>;

/** Welsh-only forms of a count message, beside the English keys of a catalogue. */
type WelshPluralKey<K> = K extends `${infer B}.other` ? `${B}.${'zero' | 'two' | 'few' | 'many'}` : never;
/** A Welsh catalogue: exactly the English keys, and may add Welsh plural forms of count messages. */
export type WelshCatalogue<English> = Record<keyof English, string> & Partial<Record<WelshPluralKey<keyof English>, string>>;

/** CLDR's plural rule for Welsh (whole numbers): 0 zero, 1 one, 2 two, 3 few, 6 many, else other. */
export function welshPluralCategory(count: number): Intl.LDMLPluralRule {
	const categories: Partial<Record<number, Intl.LDMLPluralRule>> = { 0: 'zero', 1: 'one', 2: 'two', 3: 'few', 6: 'many' };
	return categories[count] ?? 'other';
}

/** For tests: use the rule above even where Intl has Welsh plurals. */
export const pluralSettings = { welshFromRule: false };

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale === 'cy' ? 'cy' : 'en-GB');
		pluralRules.set(locale, rules);
	}
	// An Intl without Welsh plural data answers with its default locale's rules ("2 cais"): use CLDR's rule then.
	if (locale === 'cy' && (pluralSettings.welshFromRule || !rules.resolvedOptions().locale.startsWith('cy'))) {
		return welshPluralCategory(count);
	}
	return rules.select(count);
}

/** The key of a count message for this number in this language: `base.<category>`, else `base.other`. */
export function plural(locale: Locale, count: number, keyBase: PluralBase): MessageKey {
	const key = `${keyBase}.${pluralCategory(locale, count)}`;
	return (messages[locale].has(key) ? key : `${keyBase}.other`) as MessageKey;
}

/** A count message in the given language, with `{count}` and any other placeholders filled. */
export function translatePlural(locale: Locale, keyBase: PluralBase, count: number, params?: MessageParams): string {
	return translate(locale, plural(locale, count, keyBase), { ...params, count });
}

/** A count message in the current language. */
export function tPlural(keyBase: PluralBase, count: number, params?: MessageParams): string {
	return translatePlural(currentLocale(), keyBase, count, params);
}
