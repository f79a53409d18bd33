// What a visitor's browser downloads to reach the first page, and how fast the visitor flow opens
// with the network off once the service worker is active. Chromium through playwright-core.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/helpers/browser';
import { percentile } from './growth';

export interface ClientFigures {
	/**
	 * JavaScript and CSS requested before the first page was interactive, gzipped (level 6) as sent:
	 * the larger of the English and the Welsh first page (`languages` has both).
	 */
	jsGzipKB: number;
	cssGzipKB: number;
	files: number;
	/** Everything the first visit downloads once the network is idle (lazy chunks included). */
	allJsGzipKB: number;
	/** Each file of the first visit, largest first: what limits the size figures. */
	downloads: Download[];
	/** The first page's budget in each language (a Welsh phone downloads the Welsh catalogue chunks). */
	languages: Record<'en' | 'cy', { jsGzipKB: number; cssGzipKB: number; files: number }>;
	/** The whole first visit (network idle) as it went over the wire: brotli or gzip as the server sent it. */
	wire: WireFigures;
	/** Median of the offline opens; null when the page never became interactive offline. */
	offlineOpenMs: number | null;
	offlineOpenRunsMs: number[];
	offlineProblem?: string;
}

export interface WireFigures {
	/** Every file of the first visit, as Chromium received it (encoded body bytes). */
	allKB: number;
	jsKB: number;
	cssKB: number;
	/** The rest: the document, the manifest, icons, API answers. */
	otherKB: number;
	files: number;
	/** Text files (js, css, html, json, svg) that came uncompressed: should be none. */
	uncompressed: string[];
}

export interface Download {
	path: string;
	gzipKB: number;
	/** Bytes on the wire (encoded body), and how it was encoded ('' for none). */
	wireKB: number;
	encoding: string;
	/** Requested before the first page was interactive. */
	beforeFirstPage: boolean;
}

const OFFLINE_OPENS = 5;
/** The visitor flow's first page is interactive once Svelte has mounted it: its heading exists. */
const READY_SELECTOR = 'main h1, h1';

// Runs in the page before its own scripts: notes when the first page's heading appears, measured
// from the start of navigation (performance.now()'s origin). A string, not a function: tsx compiles
// this file with esbuild's keepNames, whose `__name()` helper does not exist inside the page.
const MARK_INTERACTIVE = `(() => {
	const check = () => {
		if (window.__interactiveAt === undefined && document.querySelector(${JSON.stringify(READY_SELECTOR)})) window.__interactiveAt = performance.now();
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true });
	check();
})();`;

export async function runClient(serverUrl: string): Promise<ClientFigures> {
	await settled(serverUrl);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		const english = await firstPageDownloads(browser, serverUrl, 'en');
		const welsh = await firstPageDownloads(browser, serverUrl, 'cy');
		const offline = await offlineOpens(browser, serverUrl);
		const budget = (sizes: typeof english) => ({ jsGzipKB: sizes.jsGzipKB, cssGzipKB: sizes.cssGzipKB, files: sizes.files });
		const larger = welsh.jsGzipKB > english.jsGzipKB ? welsh : english;
		return {
			...english,
			jsGzipKB: larger.jsGzipKB,
			cssGzipKB: Math.max(english.cssGzipKB, welsh.cssGzipKB),
			languages: { en: budget(english), cy: budget(welsh) },
			...offline
		};
	} finally {
		await browser.close();
	}
}

/**
 * After the storm the server may still be working through phones' retries (on PGlite, behind one
 * session) for a while: wait until its health check (a database round trip, queued behind them)
 * answers within a second again, or at most 2 minutes.
 */
async function settled(serverUrl: string): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${serverUrl}/api/health`, { signal: AbortSignal.timeout(1_000) })).ok) return;
		} catch {
			// Still busy.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** `language`: the device's stored choice before the first visit ('cy' measures a Welsh phone). */
export async function firstPageDownloads(
	browser: Browser,
	serverUrl: string,
	language?: 'en' | 'cy'
): Promise<Omit<ClientFigures, 'offlineOpenMs' | 'offlineOpenRunsMs' | 'offlineProblem' | 'languages'>> {
	// No service worker: its install would download the whole app shell, which no first page needs.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	if (language) await context.addInitScript({ content: `localStorage.setItem('bpv.language', ${JSON.stringify(language)});` });
	await context.addInitScript({ content: MARK_INTERACTIVE });
	const page = await context.newPage();
	const bodies = new Map<string, Promise<Buffer>>();
	// Every file of the visit, as it went over the wire (Chromium's own count of the encoded body).
	const wire = new Map<string, Promise<{ bytes: number; encoding: string }>>();
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if ((type === 'script' || type === 'stylesheet') && response.ok()) bodies.set(response.url(), response.body());
	});
	page.on('requestfinished', (request) => {
		wire.set(
			request.url(),
			Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
				bytes: sizes.responseBodySize,
				encoding: response?.headers()['content-encoding'] ?? ''
			}))
		);
	});
	await page.goto(`${serverUrl}/`, { waitUntil: 'commit' });
	await page.waitForSelector(READY_SELECTOR, { timeout: 15_000 });
	await page.waitForLoadState('networkidle');
	// The page's own clock says which files it asked for before its first page was there; this
	// process hears of the page's requests and of the heading too late to tell.
	const timeline = await page.evaluate(() => ({
		readyAt: (window as unknown as { __interactiveAt?: number }).__interactiveAt ?? Infinity,
		started: performance.getEntriesByType('resource').map((entry) => [entry.name, entry.startTime] as const)
	}));
	const startedAt = new Map(timeline.started);

	const downloads: Download[] = [];
	for (const [url, body] of bodies) {
		// The document's own modulepreload and stylesheet links can be missing from the timeline only if served from memory; count them as early.
		const beforeFirstPage = (startedAt.get(url) ?? 0) < timeline.readyAt;
		const sent = (await wire.get(url)) ?? { bytes: NaN, encoding: '' };
		downloads.push({
			path: new URL(url).pathname,
			gzipKB: gzipSync(await body).length / 1024,
			wireKB: sent.bytes / 1024,
			encoding: sent.encoding,
			beforeFirstPage
		});
	}
	const sent = await Promise.all([...wire].map(async ([url, size]) => ({ path: new URL(url).pathname, ...(await size) })));
	await context.close();
	const kind = (file: string) => (file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : 'other');
	const wireKB = (files: typeof sent) => files.reduce((total, file) => total + file.bytes, 0) / 1024;
	const wireFigures: WireFigures = {
		allKB: wireKB(sent),
		jsKB: wireKB(sent.filter((file) => kind(file.path) === 'js')),
		cssKB: wireKB(sent.filter((file) => kind(file.path) === 'css')),
		otherKB: wireKB(sent.filter((file) => kind(file.path) === 'other')),
		files: sent.length,
		uncompressed: sent
			.filter((file) => file.encoding === '' && file.bytes > 1024 && /(\.(js|css|html|json|svg)|\/)$|^\/api\//.test(file.path))
			.map((file) => file.path)
	};
	downloads.sort((a, b) => b.gzipKB - a.gzipKB);
	const sum = (files: Download[]) => files.reduce((total, file) => total + file.gzipKB, 0);
	const isCss = (file: Download) => file.path.endsWith('.css');
	const first = downloads.filter((file) => file.beforeFirstPage);
	return {
		jsGzipKB: sum(first.filter((file) => !isCss(file))),
		cssGzipKB: sum(first.filter(isCss)),
		files: first.length,
		allJsGzipKB: sum(downloads.filter((file) => !isCss(file))),
		downloads,
		wire: wireFigures
	};
}

async function offlineOpens(
	browser: Browser,
	serverUrl: string
): Promise<Pick<ClientFigures, 'offlineOpenMs' | 'offlineOpenRunsMs' | 'offlineProblem'>> {
	const context = await browser.newContext();
	await context.addInitScript({ content: MARK_INTERACTIVE });
	const page = await context.newPage();
	await page.goto(`${serverUrl}/`, { waitUntil: 'load' });
	try {
		// The app registers the worker itself; wait until it is active and controls this page.
		await page.evaluate(() =>
			Promise.race([
				navigator.serviceWorker.ready.then(() => undefined),
				new Promise((_, reject) => setTimeout(() => reject(new Error('not active after 30 s')), 30_000))
			])
		);
		if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
			await page.reload({ waitUntil: 'load' });
		}
	} catch (error) {
		await context.close();
		return { offlineOpenMs: null, offlineOpenRunsMs: [], offlineProblem: `no service worker: ${(error as Error).message}` };
	}
	await context.setOffline(true);
	const runs: number[] = [];
	let problem: string | undefined;
	for (let i = 0; i < OFFLINE_OPENS; i += 1) {
		try {
			runs.push(await openOnce(page, `${serverUrl}/`));
		} catch (error) {
			problem = `offline open failed: ${(error as Error).message.split('\n')[0]}`;
			break;
		}
	}
	await context.close();
	return {
		offlineOpenMs: problem ? null : percentile(runs, 50),
		offlineOpenRunsMs: runs,
		...(problem ? { offlineProblem: problem } : {})
	};
}

async function openOnce(page: Page, url: string): Promise<number> {
	await page.goto(url, { waitUntil: 'commit', timeout: 15_000 });
	// A function, not a string: the app's CSP has no 'unsafe-eval'. Anonymous, so keepNames leaves it alone.
	const handle = await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt, undefined, {
		timeout: 15_000
	});
	return (await handle.jsonValue()) as number;
}
