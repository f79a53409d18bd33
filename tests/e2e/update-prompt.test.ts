// "A new version is ready": the app open on one build, the server restarted on the same port with a
// second build (another version), the page offers the update once, and a tap reloads into the new
// build (its service worker in control, the old version's cache gone). Real Chromium, two real builds.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { startTestApi, type TestApi } from '../helpers/api';
import { launchProfile, waitForServiceWorker, type BrowserProfile } from '../helpers/browser';
import { expectAccessible } from '../helpers/page-checks';
import { BUILD_DIR } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

const REPO_ROOT = path.resolve(BUILD_DIR, '..');
let api: TestApi;
let second: RunningServer | undefined;
let profile: BrowserProfile | undefined;
let newBuild: string;
const newVersion = `update-test-${Date.now()}`;

beforeAll(async () => {
	// Inside the project, where the build's server code finds the packages it imports.
	await mkdir(path.join(REPO_ROOT, '.scratch'), { recursive: true });
	newBuild = await mkdtemp(path.join(REPO_ROOT, '.scratch', 'bpv-build-'));
	// The second build: the same app under another version, as a deploy would make it.
	await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
		cwd: REPO_ROOT,
		env: { ...process.env, BPV_BUILD_DIR: newBuild, BPV_VERSION: newVersion },
		maxBuffer: 16 * 1024 * 1024
	});
	api = await startTestApi({ env: { STATIC_DIR: BUILD_DIR } });
}, 360_000);

afterAll(async () => {
	await profile?.dispose();
	await second?.close();
	if (!second) await api?.server.close();
	await api?.database.close();
	await rm(newBuild, { recursive: true, force: true });
});

const updateButton = (page: Page) => page.getByRole('button', { name: t('update.reload'), exact: true });
/** The build's start script, named by its content hash in its app shell. */
async function entryScript(dir: string): Promise<string> {
	const html = await readFile(path.join(dir, 'client/app-shell.html'), 'utf8');
	const name = /_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(html)?.[0];
	if (!name) throw new Error(`No start script in ${dir}/client/app-shell.html`);
	return name;
}
const shellCaches = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((key) => key.startsWith('shell-')));

it('offers a new build once, and a tap reloads into it', async () => {
	const oldVersion = (JSON.parse(await readFile(path.join(BUILD_DIR, 'client/_app/version.json'), 'utf8')) as { version: string }).version;
	expect(oldVersion).not.toBe(newVersion);
	profile = await launchProfile({ launch: { baseURL: api.url } });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await onPage(page, t('visitor.start.title'));
	expect(await shellCaches(page)).toEqual([`shell-${oldVersion}`]);
	expect(await updateButton(page).count()).toBe(0);

	// Deploy: the server restarts on the same address with the new build.
	const port = api.server.port;
	await api.server.close();
	second = await startServer({
		config: loadConfig({ PORT: String(port), HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: newBuild }),
		db: api.database
	});

	// The visitor opens the app again: it still runs the old build, and offers the new one, once.
	await page.reload();
	await onPage(page, t('visitor.start.title'));
	await updateButton(page).waitFor({ timeout: 30_000 });
	// "Once" is about nothing more happening: a moment in which a second offer would show.
	await page.waitForTimeout(1_000);
	expect(await updateButton(page).count()).toBe(1);
	expect(await shellCaches(page)).toContain(`shell-${oldVersion}`);
	await expectAccessible(page);

	// A tap: the new worker takes over and the page reloads into the new build.
	await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), updateButton(page).click()]);
	await onPage(page, t('visitor.start.title'));
	await waitForServiceWorker(page);
	await expect.poll(() => shellCaches(page), { timeout: 15_000 }).toEqual([`shell-${newVersion}`]);
	// The page itself is the new build's: it loads the new build's entry script, not the old one's.
	const [oldEntry, newEntry] = await Promise.all([entryScript(BUILD_DIR), entryScript(newBuild)]);
	expect(newEntry).not.toBe(oldEntry);
	const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
	expect(loaded).toContain(`/${newEntry}`);
	expect(loaded).not.toContain(`/${oldEntry}`);
	// Once in the new build, nothing more to offer: the browser's own check for a newer worker finds
	// none installing or waiting (the page offers Reload only for a waiting one).
	expect(
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
			return { installing: Boolean(registration?.installing), waiting: Boolean(registration?.waiting) };
		})
	).toEqual({ installing: false, waiting: false });
	expect(await updateButton(page).count()).toBe(0);
}, 180_000);
