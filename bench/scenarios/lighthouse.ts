// Lighthouse as an independent judge: its mobile scores (emulated Moto G Power, slow 4G,
// simulated throttling: Lighthouse's defaults) for the pages a visitor and a member of staff open
// first. Debian's Chromium, started here with a debugging port that Lighthouse drives (the flags keep
// it off a network this machine does not have; see tests/helpers/browser.ts).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/helpers/browser';
import { freePort } from '../children';

/**
 * Every visitor page a first visit can open (a request's own pages need a request on the device)
 * and the staff sign-in, each opened as a first visit (Lighthouse resets storage before each), in
 * English and in Welsh (the browser's first language: the server writes the page in it).
 */
export const LIGHTHOUSE_PAGES = {
	start: '/',
	prison: '/book/prison',
	prisoner: '/book/prisoner',
	visitors: '/book/visitors',
	slots: '/book/slots',
	support: '/book/support',
	check: '/book/check',
	yourVisits: '/visits',
	addVisit: '/visits/add',
	forget: '/visits/forget',
	yourData: '/visits/your-data',
	accessibility: '/accessibility',
	contact: '/contact',
	cookies: '/cookies',
	privacy: '/privacy',
	staffSignIn: '/staff'
} as const;
const LANGUAGES = ['en', 'cy'] as const;

export type LighthousePage = keyof typeof LIGHTHOUSE_PAGES;
/** A page in a language: `prison cy`. */
export type LighthouseRun = `${LighthousePage} ${(typeof LANGUAGES)[number]}`;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export interface LighthouseScores {
	performance: number | null;
	accessibility: number | null;
	bestPractices: number | null;
	seo: number | null;
}

export interface LighthousePageResult {
	path: string;
	/** Where the page ended up (a fresh device on /book/slots has no prison chosen yet). */
	finalPath: string;
	scores: LighthouseScores;
	/** Lighthouse's own metrics, ms (CLS unitless). */
	metrics: { fcpMs: number | null; lcpMs: number | null; tbtMs: number | null; cls: number | null; speedIndexMs: number | null };
	/** Every audit that did not pass, with its title and what it measured: what limits each score below 1. */
	failing: { id: string; category: string; score: number; title: string; displayValue?: string }[];
}

export interface LighthouseFigures {
	version: string;
	pages: Partial<Record<LighthouseRun, LighthousePageResult>>;
	/** The lowest score of each category over the pages (the goals hold each page). */
	lowest: LighthouseScores;
	/** The slowest largest paint and the longest blocking time over the pages, ms. */
	highest: { lcpMs: number | null; tbtMs: number | null };
	problem?: string;
}

export async function runLighthouse(serverUrl: string): Promise<LighthouseFigures> {
	const port = await freePort();
	const profile = await mkdtemp(path.join(tmpdir(), 'bpv-lighthouse-'));
	const browser = spawn(
		CHROMIUM_PATH,
		['--headless', ...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'],
		{
			stdio: 'ignore'
		}
	);
	const exited = new Promise((resolve) => browser.once('exit', resolve));
	try {
		await debuggerReady(port);
		const pages: LighthouseFigures['pages'] = {};
		let version = '';
		const runs = LANGUAGES.flatMap((language) =>
			(Object.entries(LIGHTHOUSE_PAGES) as [LighthousePage, string][]).map(([name, path]) => ({ name, path, language }))
		);
		for (const { name, path, language } of runs) {
			const result = await lighthouse(`${serverUrl}${path}`, {
				port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: [...CATEGORIES],
				// The run is on loopback: the throttling is Lighthouse's simulation of a mobile network and CPU.
				formFactor: 'mobile',
				extraHeaders: { 'Accept-Language': language }
			});
			if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
			const lhr = result.lhr;
			version = lhr.lighthouseVersion;
			const score = (id: string) => lhr.categories[id]?.score ?? null;
			const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null;
			const failing: LighthousePageResult['failing'] = [];
			for (const category of CATEGORIES) {
				for (const ref of lhr.categories[category]?.auditRefs ?? []) {
					const audit = lhr.audits[ref.id];
					if (!audit || audit.score === null || audit.score >= 1 || ref.weight === 0) continue;
					if (audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'manual')
						continue;
					failing.push({
						id: ref.id,
						category,
						score: audit.score,
						title: audit.title,
						...(audit.displayValue ? { displayValue: audit.displayValue } : {})
					});
				}
			}
			pages[`${name} ${language}`] = {
				path,
				finalPath: new URL(lhr.finalDisplayedUrl).pathname,
				scores: {
					performance: score('performance'),
					accessibility: score('accessibility'),
					bestPractices: score('best-practices'),
					seo: score('seo')
				},
				metrics: {
					fcpMs: numeric('first-contentful-paint'),
					lcpMs: numeric('largest-contentful-paint'),
					tbtMs: numeric('total-blocking-time'),
					cls: numeric('cumulative-layout-shift'),
					speedIndexMs: numeric('speed-index')
				},
				failing
			};
		}
		const all = Object.values(pages);
		const lowestOf = (key: keyof LighthouseScores) => {
			const values = all.map((page) => page.scores[key]);
			return values.some((v) => v === null) ? null : Math.min(...(values as number[]));
		};
		const highestOf = (key: 'lcpMs' | 'tbtMs') => {
			const values = all.map((page) => page.metrics[key]);
			return values.some((v) => v === null) ? null : Math.max(...(values as number[]));
		};
		return {
			version,
			pages,
			lowest: {
				performance: lowestOf('performance'),
				accessibility: lowestOf('accessibility'),
				bestPractices: lowestOf('bestPractices'),
				seo: lowestOf('seo')
			},
			highest: { lcpMs: highestOf('lcpMs'), tbtMs: highestOf('tbtMs') }
		};
	} finally {
		browser.kill('SIGTERM');
		await exited;
		await rm(profile, { recursive: true, force: true });
	}
}

async function debuggerReady(port: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error('Chromium did not open its debugging port within 30 s');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
