import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** What launchPersistentContext takes besides the folder: launch and context options together. */
export type ProfileOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

/**
 * Debian's Chromium, driven by playwright-core. The flags keep it off a network this machine
 * does not have (background fetches to Google would be refused by the dozen).
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface BrowserProfile {
	/** The profile folder: launch again with the same one to simulate a browser restart. */
	dir: string;
	context: BrowserContext;
	/** Closes the browser but keeps the profile (IndexedDB, service worker, caches). */
	close(): Promise<void>;
	/** Closes the browser and deletes the profile. */
	dispose(): Promise<void>;
}

/** A browser with a persistent profile, so IndexedDB and the service worker survive a restart. */
export async function launchProfile(
	options: { dir?: string; viewport?: { width: number; height: number }; launch?: ProfileOptions } = {}
): Promise<BrowserProfile> {
	const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'bpv-chromium-')));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: options.viewport ?? { width: 390, height: 844 },
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		...options.launch
	});
	if (options.launch?.javaScriptEnabled !== false) {
		for (const page of context.pages()) waitForTheAppOnLoad(page);
		context.on('page', waitForTheAppOnLoad);
	}
	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		await context.close();
	};
	return {
		dir,
		context,
		close,
		dispose: async () => {
			await close();
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/**
 * The server paints a page before its script runs; the page is the app once the script has taken it
 * over (the root layout marks the body js-enabled). goto and reload wait for that, as they wait for
 * the load event, so a test never taps a button whose code has not arrived. Pages that are not the
 * app's (a sign-in provider's, an error the API wrote) have no SvelteKit start script and do not wait.
 */
function waitForTheAppOnLoad(page: Page): void {
	const taken = () =>
		page.waitForFunction(
			() => !Object.keys(window).some((key) => key.startsWith('__sveltekit_')) || document.body.classList.contains('js-enabled'),
			undefined,
			{ timeout: 30_000 }
		);
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	page.goto = async (...args) => {
		const response = await goto(...args);
		await taken();
		return response;
	};
	page.reload = async (...args) => {
		const response = await reload(...args);
		await taken();
		return response;
	};
}

/**
 * Waits until the page's service worker controls it, so the next load can come from its cache.
 * An activated controller has finished installing, so the app shell is in its cache. The check is
 * synchronous on purpose: waitForFunction does not await a promise, and an async check's promise
 * counts as true at once (so tests went offline while the worker was still installing).
 */
export async function waitForServiceWorker(page: import('playwright-core').Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 30_000 });
}
