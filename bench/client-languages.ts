// The first page's JavaScript budget in each language: `npx tsx bench/client-languages.ts URL`
// against a running server (npm start). Same measure as `npm run bench`'s client.jsGzipKB.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/browser';
import { firstPageDownloads } from './scenarios/client';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
	for (const language of ['en', 'cy'] as const) {
		const figures = await firstPageDownloads(browser, url, language);
		const first = figures.downloads.filter((file) => file.beforeFirstPage);
		console.log(
			`${language}: jsGzipKB ${figures.jsGzipKB.toFixed(1)} (goal ≤ 45), cssGzipKB ${figures.cssGzipKB.toFixed(1)}, files ${figures.files}, whole first visit ${figures.allJsGzipKB.toFixed(1)}`
		);
		for (const file of first) console.log(`   ${file.gzipKB.toFixed(1).padStart(5)}  ${file.path}`);
	}
} finally {
	await browser.close();
}
