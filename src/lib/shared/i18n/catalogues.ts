/*
 * Every pair of message files (en/<name>.ts + cy/<name>.ts) and the area whose pages need it.
 * One line per pair. The PWA loads a language's areas on demand (`common` always, then `visitor`,
 * `staff` or `info` by page, see areaOfPath); the server loads every line in both languages (i18n/all.ts). `MessageKey`
 * is the union of the English files' keys listed here. README.md says how to add a pair.
 */
export type Area = 'common' | 'visitor' | 'staff' | 'info' | 'server';

/** The areas a page needs besides `common`: staff pages, the footer's information pages, or the visitor's. */
export function areaOfPath(pathname: string): Area {
	if (pathname === '/staff' || pathname.startsWith('/staff/')) return 'staff';
	if (/^\/(privacy|accessibility|cookies|contact)\/?$/.test(pathname)) return 'info';
	return 'visitor';
}

export const catalogues = {
	common: { area: 'common', en: () => import('./en/common'), cy: () => import('./cy/common') },
	visitor: { area: 'visitor', en: () => import('./en/visitor'), cy: () => import('./cy/visitor') },
	staff: { area: 'staff', en: () => import('./en/staff'), cy: () => import('./cy/staff') },
	gate: { area: 'staff', en: () => import('./en/gate'), cy: () => import('./cy/gate') },
	pass: { area: 'visitor', en: () => import('./en/pass'), cy: () => import('./cy/pass') },
	prisonersCommon: { area: 'common', en: () => import('./en/prisonersCommon'), cy: () => import('./cy/prisonersCommon') },
	prisoners: { area: 'staff', en: () => import('./en/prisoners'), cy: () => import('./cy/prisoners') },
	prisonersServer: { area: 'server', en: () => import('./en/prisonersServer'), cy: () => import('./cy/prisonersServer') },
	claim: { area: 'visitor', en: () => import('./en/claim'), cy: () => import('./cy/claim') },
	server: { area: 'server', en: () => import('./en/server'), cy: () => import('./cy/server') }
} as const satisfies Record<string, { area: Area; en: () => Promise<object>; cy: () => Promise<object> }>;
