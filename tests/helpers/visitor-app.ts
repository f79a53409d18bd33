import { mkdir } from 'node:fs/promises';
import type { Agent } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { startTestApi, type TestApi } from './api';
import { launchProfile, type BrowserProfile } from './browser';

/*
 * What every browser test file of the visitor PWA needs: one real server (API and the built PWA
 * on one port, as `npm start` serves them) over a fresh database, Chromium profiles that are
 * deleted afterwards, and a screenshot of every open page when a test fails.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = path.join(REPO_ROOT, 'build');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export interface VisitorApp {
	api: TestApi;
	/** A browser with its own profile; it is disposed of when the file's tests end. */
	launch(options?: LaunchOptions): Promise<BrowserProfile>;
	/** Call in beforeEach: pages open when a test fails are saved to test-results/. */
	screenshotOnFailure(): void;
	close(): Promise<void>;
}

export interface LaunchOptions {
	/** The folder of an earlier profile: the same browser, restarted. */
	dir?: string;
	offline?: boolean;
	/** 390×844 (a common phone) unless given; { width: 320, … } is the narrowest phone we support. */
	viewport?: { width: number; height: number };
	/** false: a browser with JavaScript turned off. */
	javaScript?: boolean;
}

export interface VisitorAppOptions {
	/** More server settings (e.g. PUSH_ALLOW_INSECURE=1 for a local push service stand-in). */
	env?: Record<string, string>;
	/** The push worker's https.Agent: one that trusts tests/helpers/push-endpoint.ts's certificate. */
	pushAgent?: Agent;
}

export async function startVisitorApp(options: VisitorAppOptions = {}): Promise<VisitorApp> {
	const api = await startTestApi({
		env: { STATIC_DIR: BUILD_DIR, ...options.env },
		...(options.pushAgent ? { pushAgent: options.pushAgent } : {})
	});
	const profiles: BrowserProfile[] = [];
	const dirs = new Set<string>();

	const launch = async (options: LaunchOptions = {}) => {
		const profile = await launchProfile({
			...(options.dir ? { dir: options.dir } : {}),
			...(options.viewport ? { viewport: options.viewport } : {}),
			launch: {
				baseURL: api.url,
				...(options.offline ? { offline: true } : {}),
				...(options.javaScript === false ? { javaScriptEnabled: false } : {})
			}
		});
		profiles.push(profile);
		dirs.add(profile.dir);
		// E2E_DEBUG=1 shows what the pages and the service worker log, to follow a failing test.
		if (process.env.E2E_DEBUG) {
			const show = (page: Page) => {
				page.on('console', (message) =>
					console.log(`[page ${new URL(page.url() || 'about:blank').pathname}] ${message.type()}: ${message.text()}`)
				);
				page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
			};
			profile.context.pages().forEach(show);
			profile.context.on('page', show);
		}
		return profile;
	};

	const screenshotOnFailure = () => {
		onTestFailed(async ({ task }) => {
			await mkdir(RESULTS_DIR, { recursive: true });
			const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
			let index = 0;
			for (const profile of profiles) {
				for (const page of safePages(profile)) {
					index += 1;
					await page.screenshot({ path: path.join(RESULTS_DIR, `${name}-${index}.png`), fullPage: true }).catch(() => undefined);
				}
			}
		});
	};

	return {
		api,
		launch,
		screenshotOnFailure,
		close: async () => {
			// A profile launched twice (a browser restart) shares its folder: dispose of each folder once.
			for (const profile of profiles.reverse()) {
				if (dirs.delete(profile.dir)) await profile.dispose().catch(() => undefined);
				else await profile.close().catch(() => undefined);
			}
			await api.close();
		}
	};
}

function safePages(profile: BrowserProfile): Page[] {
	try {
		return profile.context.pages();
	} catch {
		return [];
	}
}

/** Waits for a page's text, with a message that says which. */
export async function expectText(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
	const locator = page.getByText(text).first();
	await locator.waitFor({ state: 'visible', timeout }).catch(async (error: unknown) => {
		throw new Error(`Expected to see ${String(text)} on ${page.url()}: ${(error as Error).message.split('\n')[0]}`);
	});
	expect(await locator.isVisible()).toBe(true);
}
