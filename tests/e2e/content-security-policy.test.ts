// The app really works under its Content Security Policy: the built PWA, served with the header
// CSP by the real server, starts in Chromium with no policy violation on the visitor's and the
// staff's first pages, and the policy allows no inline script beyond the build's own hashed one.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';

let app: VisitorApp;

beforeAll(async () => {
	app = await startVisitorApp();
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

it.each(['/', '/book/prison', '/staff', '/app-shell.html'])(
	'serves %s with a script-src naming the hash of each of its inline scripts, and no unsafe-inline',
	async (pagePath) => {
		const response = await fetch(`${app.api.url}${pagePath}`);
		const html = await response.text();
		// Scripts that run: not those with a src, nor the answers SvelteKit keeps in the page as JSON data.
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/gi)].map(
			(m) => m[1]!
		);
		expect(inline.length).toBeGreaterThan(0);
		const scriptSrc =
			(response.headers.get('content-security-policy') ?? '')
				.split(';')
				.map((d) => d.trim())
				.find((d) => d.startsWith('script-src')) ?? '';
		expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
		for (const script of inline) {
			const hash = createHash('sha256').update(script, 'utf8').digest('base64');
			expect(scriptSrc).toContain(`'sha256-${hash}'`);
		}
	}
);

it('starts the visitor and staff pages in Chromium without a single policy violation', async () => {
	const profile = await app.launch();
	const violations: string[] = [];
	// Reported by the browser to the page: collected before any of the app's scripts run.
	await profile.context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const seen = ((window as unknown as { __cspViolations?: string[] }).__cspViolations ??= []);
			seen.push(`${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});

	await page.goto('/');
	// The start button is drawn by the app's JavaScript: the page is running, not just loaded.
	await page.getByRole('button', { name: t('visitor.start.button') }).waitFor({ timeout: 30_000 });
	violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])));

	await page.goto('/staff');
	await expectText(page, t('staff.signIn.title'), 30_000);
	violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])));

	expect(violations).toEqual([]);
});
