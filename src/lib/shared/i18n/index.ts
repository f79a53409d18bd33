import { en, type MessageKey } from './en';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const catalogues = { en } as const;
export type Locale = keyof typeof catalogues;

let current: Locale = 'en';

export function setLocale(locale: Locale): void {
	current = locale;
}

/** Looks a message up in the current catalogue and fills its {placeholders}. */
export function t(key: MessageKey, params?: MessageParams): string {
	const template: string = catalogues[current][key] ?? en[key];
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

export function isMessageKey(key: string): key is MessageKey {
	return key in en;
}
