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
	info: { area: 'info', en: () => import('./en/info'), cy: () => import('./cy/info') },
	security: { area: 'server', en: () => import('./en/security'), cy: () => import('./cy/security') },
	admin: { area: 'staff', en: () => import('./en/admin'), cy: () => import('./cy/admin') },
	adminVisitor: { area: 'visitor', en: () => import('./en/adminVisitor'), cy: () => import('./cy/adminVisitor') },
	privacy: { area: 'visitor', en: () => import('./en/privacy'), cy: () => import('./cy/privacy') },
	privacyStaff: { area: 'staff', en: () => import('./en/privacyStaff'), cy: () => import('./cy/privacyStaff') },
	privacyInfo: { area: 'info', en: () => import('./en/privacyInfo'), cy: () => import('./cy/privacyInfo') },
	frontend: { area: 'visitor', en: () => import('./en/frontend'), cy: () => import('./cy/frontend') },
	frontendStaff: { area: 'staff', en: () => import('./en/frontendStaff'), cy: () => import('./cy/frontendStaff') },
	frontendCommon: { area: 'common', en: () => import('./en/frontendCommon'), cy: () => import('./cy/frontendCommon') },
	prisonersCommon: { area: 'forms', en: () => import('./en/prisonersCommon'), cy: () => import('./cy/prisonersCommon') },
	prisoners: { area: 'staff', en: () => import('./en/prisoners'), cy: () => import('./cy/prisoners') },
	prisonersServer: { area: 'server', en: () => import('./en/prisonersServer'), cy: () => import('./cy/prisonersServer') },
	claim: { area: 'visitor', en: () => import('./en/claim'), cy: () => import('./cy/claim') },
	change: { area: 'visitor', en: () => import('./en/change'), cy: () => import('./cy/change') },
	changeStaff: { area: 'staff', en: () => import('./en/changeStaff'), cy: () => import('./cy/changeStaff') },
	changeServer: { area: 'server', en: () => import('./en/changeServer'), cy: () => import('./cy/changeServer') },
	waitlist: { area: 'visitor', en: () => import('./en/waitlist'), cy: () => import('./cy/waitlist') },
	waitlistServer: { area: 'server', en: () => import('./en/waitlistServer'), cy: () => import('./cy/waitlistServer') }
} as const satisfies Record<string, { area: Area; en: () => Promise<object>; cy: () => Promise<object> }>;
