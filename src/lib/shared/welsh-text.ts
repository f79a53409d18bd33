import { currentLocale, type Locale } from './i18n';
import type { Prison } from './answers';

/*
 * Words administrators and officers type in both languages (a prison's name, address and
 * information for visitors, a closure's reason): a Welsh reader sees the Welsh, or the English
 * where nobody entered Welsh. Everything else a person reads comes from the catalogue.
 */

/** The Welsh version for a Welsh reader when there is one, else the English. */
export function inLocale(english: string, welsh: string | null | undefined, locale: Locale = currentLocale()): string {
	return locale === 'cy' && welsh?.trim() ? welsh : english;
}

/**
 * 'en' where a Welsh reader is shown the English because nobody entered Welsh, for the element's lang:
 * a screen reader then reads it in an English voice. undefined (no attribute) otherwise.
 */
export function fallbackLang(welsh: string | null | undefined, locale: Locale = currentLocale()): 'en' | undefined {
	return locale === 'cy' && !welsh?.trim() ? 'en' : undefined;
}

type PrisonText = Pick<Prison, 'name' | 'address' | 'visitorInfo' | 'nameCy' | 'addressCy' | 'visitorInfoCy'>;

export const prisonName = (prison: Pick<PrisonText, 'name' | 'nameCy'>, locale: Locale = currentLocale()) =>
	inLocale(prison.name, prison.nameCy, locale);
export const prisonAddress = (prison: Pick<PrisonText, 'address' | 'addressCy'>, locale: Locale = currentLocale()) =>
	inLocale(prison.address, prison.addressCy, locale);
export const prisonVisitorInfo = (prison: Pick<PrisonText, 'visitorInfo' | 'visitorInfoCy'>, locale: Locale = currentLocale()) =>
	inLocale(prison.visitorInfo, prison.visitorInfoCy, locale);

/** A calendar day's or slot's closure reason in the reader's language (undefined when it has none). */
export function closedReasonIn(
	closed: { closedReason?: string | undefined; closedReasonCy?: string | undefined },
	locale: Locale = currentLocale()
): string | undefined {
	return closed.closedReason === undefined ? undefined : inLocale(closed.closedReason, closed.closedReasonCy, locale);
}
