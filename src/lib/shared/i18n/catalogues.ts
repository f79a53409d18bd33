/*
 * Every pair of message files (en/<name>.ts + cy/<name>.ts) and the area whose pages need it.
 * One line per pair. The PWA loads a language's areas on demand (`common` always, then `start`, `forms` and
 * `visitor`, `forms` and `staff`, or `info` by page, see areasOfPath); the server loads every line in both languages (i18n/all.ts). `MessageKey`
 * is the union of the English files' keys listed here. README.md says how to add a pair.
 */
export type Area = 'common' | 'start' | 'forms' | 'visitor' | 'staff' | 'info' | 'server';

/**
 * The areas a page needs besides `common`: staff pages and the visitor's (both with the form checks'
 * words), the footer's information pages, or the start page (no form: its first load stays small).
 */
export function areasOfPath(pathname: string): Area[] {
	if (pathname === '/staff' || pathname.startsWith('/staff/')) return ['forms', 'staff'];
	if (/^\/(privacy|accessibility|cookies|contact)\/?$/.test(pathname)) return ['info'];
	if (pathname === '/') return ['start'];
	return ['forms', 'visitor'];
}

export const catalogues = {
	common: { area: 'common', en: () => import('./en/common'), cy: () => import('./cy/common') },
	forms: { area: 'forms', en: () => import('./en/forms'), cy: () => import('./cy/forms') },
	start: { area: 'start', en: () => import('./en/start'), cy: () => import('./cy/start') },
	visitor: { area: 'visitor', en: () => import('./en/visitor'), cy: () => import('./cy/visitor') },
	staff: { area: 'staff', en: () => import('./en/staff'), cy: () => import('./cy/staff') },
	gate: { area: 'staff', en: () => import('./en/gate'), cy: () => import('./cy/gate') },
	pass: { area: 'visitor', en: () => import('./en/pass'), cy: () => import('./cy/pass') },
	lifecycle: { area: 'visitor', en: () => import('./en/lifecycle'), cy: () => import('./cy/lifecycle') },
	closures: { area: 'staff', en: () => import('./en/closures'), cy: () => import('./cy/closures') },
	email: { area: 'server', en: () => import('./en/email'), cy: () => import('./cy/email') },
	server: { area: 'server', en: () => import('./en/server'), cy: () => import('./cy/server') },
	'messages-server': { area: 'server', en: () => import('./en/messages-server'), cy: () => import('./cy/messages-server') },
	'messages-visitor': { area: 'visitor', en: () => import('./en/messages-visitor'), cy: () => import('./cy/messages-visitor') },
	'messages-staff': { area: 'staff', en: () => import('./en/messages-staff'), cy: () => import('./cy/messages-staff') },
	info: { area: 'info', en: () => import('./en/info'), cy: () => import('./cy/info') },
	security: { area: 'server', en: () => import('./en/security'), cy: () => import('./cy/security') },
	admin: { area: 'staff', en: () => import('./en/admin'), cy: () => import('./cy/admin') },
	'admin-visitor': { area: 'visitor', en: () => import('./en/admin-visitor'), cy: () => import('./cy/admin-visitor') },
	privacy: { area: 'visitor', en: () => import('./en/privacy'), cy: () => import('./cy/privacy') },
	'privacy-staff': { area: 'staff', en: () => import('./en/privacy-staff'), cy: () => import('./cy/privacy-staff') },
	'privacy-info': { area: 'info', en: () => import('./en/privacy-info'), cy: () => import('./cy/privacy-info') },
	frontend: { area: 'visitor', en: () => import('./en/frontend'), cy: () => import('./cy/frontend') },
	'frontend-staff': { area: 'staff', en: () => import('./en/frontend-staff'), cy: () => import('./cy/frontend-staff') },
	'frontend-common': { area: 'common', en: () => import('./en/frontend-common'), cy: () => import('./cy/frontend-common') },
	'prisoners-common': { area: 'forms', en: () => import('./en/prisoners-common'), cy: () => import('./cy/prisoners-common') },
	prisoners: { area: 'staff', en: () => import('./en/prisoners'), cy: () => import('./cy/prisoners') },
	'prisoners-server': { area: 'server', en: () => import('./en/prisoners-server'), cy: () => import('./cy/prisoners-server') },
	claim: { area: 'visitor', en: () => import('./en/claim'), cy: () => import('./cy/claim') },
	change: { area: 'visitor', en: () => import('./en/change'), cy: () => import('./cy/change') },
	'change-staff': { area: 'staff', en: () => import('./en/change-staff'), cy: () => import('./cy/change-staff') },
	'change-server': { area: 'server', en: () => import('./en/change-server'), cy: () => import('./cy/change-server') },
	waitlist: { area: 'visitor', en: () => import('./en/waitlist'), cy: () => import('./cy/waitlist') },
	'waitlist-server': { area: 'server', en: () => import('./en/waitlist-server'), cy: () => import('./cy/waitlist-server') },
	instant: { area: 'visitor', en: () => import('./en/instant'), cy: () => import('./cy/instant') },
	'instant-staff': { area: 'staff', en: () => import('./en/instant-staff'), cy: () => import('./cy/instant-staff') },
	accounts: { area: 'visitor', en: () => import('./en/accounts'), cy: () => import('./cy/accounts') },
	'accounts-staff': { area: 'staff', en: () => import('./en/accounts-staff'), cy: () => import('./cy/accounts-staff') },
	'accounts-server': { area: 'server', en: () => import('./en/accounts-server'), cy: () => import('./cy/accounts-server') },
	integrations: { area: 'staff', en: () => import('./en/integrations'), cy: () => import('./cy/integrations') },
	'integrations-server': { area: 'server', en: () => import('./en/integrations-server'), cy: () => import('./cy/integrations-server') },
	'journeys-common': { area: 'common', en: () => import('./en/journeys-common'), cy: () => import('./cy/journeys-common') },
	'journeys-visitor': { area: 'visitor', en: () => import('./en/journeys-visitor'), cy: () => import('./cy/journeys-visitor') },
	'journeys-staff': { area: 'staff', en: () => import('./en/journeys-staff'), cy: () => import('./cy/journeys-staff') },
	'journeys-forms': { area: 'forms', en: () => import('./en/journeys-forms'), cy: () => import('./cy/journeys-forms') },
	'journeys-server': { area: 'server', en: () => import('./en/journeys-server'), cy: () => import('./cy/journeys-server') },
	'family-forms': { area: 'forms', en: () => import('./en/family-forms'), cy: () => import('./cy/family-forms') },
	family: { area: 'visitor', en: () => import('./en/family'), cy: () => import('./cy/family') },
	'staff-walk': { area: 'staff', en: () => import('./en/staff-walk'), cy: () => import('./cy/staff-walk') }
} as const satisfies Record<string, { area: Area; en: () => Promise<object>; cy: () => Promise<object> }>;
