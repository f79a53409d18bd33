// What a visitor's browser downloads to reach the first page, and how fast the visitor flow opens
// with the network off once the service worker is active. Chromium through playwright-core.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { percentile } from './growth';

export interface ClientFigures {
	jsGzipKB: number;
	cssGzipKB: number;
	files: number;
	/** Median of the offline opens; null when the page never became interactive offline. */
	offlineOpenMs: number | null;
	offlineOpenRunsMs: number[];
	offlineProblem?: string;
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const OFFLINE_OPENS = 5;
/** The visitor flow's first page is interactive once Svelte has mounted it: its heading exists. */
const READY_SELECTOR = 'main h1, h1';

// Runs in the page before its own scripts: notes when the first page's heading appears, measured
// from the start of navigation (performance.now()'s origin).
function markInteractive(selector: string): void {
	const w = window as unknown as { __interactiveAt?: number };
	const check = () => {
		if (w.__interactiveAt === undefined && document.querySelector(selector)) w.__interactiveAt = performance.now();
	};
	new MutationObserver(check).observe(document, { childList: true, subtree: true });
	check();
}

export async function runClient(serverUrl: string): Promise<ClientFigures> {
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		const sizes = await firstPageDownloads(browser, serverUrl);
		const offline = await offlineOpens(browser, serverUrl);
		return { ...sizes, ...offline };
	} finally {
		await browser.close();
	}
}

async function firstPageDownloads(browser: Browser, serverUrl: string) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const bodies = new Map<string, Promise<Buffer>>();
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if ((type === 'script' || type === 'stylesheet') && response.ok()) bodies.set(response.url(), response.body());
	});
	await page.goto(`${serverUrl}/`, { waitUntil: 'networkidle' });
	await page.waitForSelector(READY_SELECTOR, { timeout: 15_000 });
	let js = 0;
	let css = 0;
	for (const [url, body] of bodies) {
		const gzipped = gzipSync(await body).length;
		if (new URL(url).pathname.endsWith('.css')) css += gzipped;
		else js += gzipped;
	}
	await context.close();
	return { jsGzipKB: js / 1024, cssGzipKB: css / 1024, files: bodies.size };
}

async function offlineOpens(browser: Browser, serverUrl: string): Promise<Pick<ClientFigures, 'offlineOpenMs' | 'offlineOpenRunsMs' | 'offlineProblem'>> {
	const context = await browser.newContext();
	await context.addInitScript(markInteractive, READY_SELECTOR);
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
	const handle = await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt, undefined, {
		timeout: 15_000
	});
	return (await handle.jsonValue()) as number;
}
