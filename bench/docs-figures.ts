// Writes a run's calendar, assets and first-page figures into docs/performance.md, between marker
// comments per database (`<!-- bench:static:pglite:start -->` … `<!-- bench:static:pglite:end -->`),
// so the docs always show the latest full run. Smoke runs never write (their figures mean nothing).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './children';
import type { Results } from './report';

export const DOCS_PATH = path.join(ROOT, 'docs', 'performance.md');

const n = (value: number | null | undefined, digits = 1) =>
	value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
const met = (results: Results, key: string) => {
	const goal = results.goals.find((g) => g.key === key);
	return goal ? (goal.met ? 'met' : '**missed**') : '';
};

/** The block for one database: a table of the figures with their goals. */
export function staticFiguresBlock(results: Results): string {
	const r = results;
	const rows: string[] = [
		`Run of ${r.meta.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${r.meta.database}, load average ${n(r.meta.loadAverage.start)} → ${n(r.meta.loadAverage.end)}, ${n(r.meta.totalSeconds, 0)} s in all.`,
		'',
		'| figure | value | goal |',
		'| --- | --- | --- |',
		`| calendar.ratio (rounds) | ${n(r.calendar.ratio, 2)} (${r.calendar.roundRatios.map((x) => n(x, 2)).join(', ')}) | ≥ 0.6 ${met(r, 'calendar.ratio')} |`,
		`| calendar.notModifiedRatio | ${n(r.calendar.notModifiedRatio, 2)} | ≥ 0.8 ${met(r, 'calendar.notModifiedRatio')} |`,
		`| calendar rps / 304 rps / control rps | ${n(r.calendar.rps, 0)} / ${n(r.calendar.notModifiedRps, 0)} / ${n(r.control.rps, 0)} | |`
	];
	const c = r.client;
	if (c) {
		rows.push(
			`| client.jsGzipKB, first page, en / cy | ${n(c.languages.en.jsGzipKB)} / ${n(c.languages.cy.jsGzipKB)} | ≤ 45 ${met(r, 'client.jsGzipKB')} |`,
			`| client.cssGzipKB, first page | ${n(c.cssGzipKB)} | ≤ 18 ${met(r, 'client.cssGzipKB')} |`,
			`| client.wire.jsKB, whole first visit on the wire | ${n(c.wire.jsKB)} | ≤ 60 ${met(r, 'client.wire.jsKB')} |`,
			`| client.wire.cssKB, whole first visit on the wire | ${n(c.wire.cssKB)} | ≤ 12 ${met(r, 'client.wire.cssKB')} |`,
			`| client.wire.allKB (files), every file of the first visit | ${n(c.wire.allKB)} (${c.wire.files}; other ${n(c.wire.otherKB)}) | |`,
			`| text files sent uncompressed | ${c.wire.uncompressed.length === 0 ? 'none' : c.wire.uncompressed.join(', ')} | none ${met(r, 'client.wire.uncompressed')} |`
		);
	}
	const lh = r.lighthouse;
	if (lh) {
		rows.push('', `Lighthouse ${lh.version}, mobile (performance / accessibility / best practices / SEO; goal ≥ 0.95 / 1 / 1 / 1):`, '');
		rows.push('| page | scores | FCP / LCP / TBT ms, CLS | below 1 |', '| --- | --- | --- | --- |');
		for (const [name, page] of Object.entries(lh.pages)) {
			const s = page.scores;
			const m = page.metrics;
			const shown = page.finalPath === page.path ? page.path : `${page.path} → ${page.finalPath}`;
			const failing = page.failing.map((f) => `${f.id}${f.displayValue ? ` (${f.displayValue})` : ''}`).join(', ') || '—';
			rows.push(
				`| ${name} \`${shown}\` | ${n(s.performance, 2)} / ${n(s.accessibility, 2)} / ${n(s.bestPractices, 2)} / ${n(s.seo, 2)} | ${n(m.fcpMs, 0)} / ${n(m.lcpMs, 0)} / ${n(m.tbtMs, 0)}, ${n(m.cls, 3)} | ${failing} |`
			);
		}
		if (lh.problem) rows.push('', `Lighthouse problem: ${lh.problem}`);
	}
	return rows.join('\n');
}

/** Replaces the text between this database's markers (adding the markers at the end of the section if absent). */
export function withBlock(docs: string, database: string, block: string): string {
	const start = `<!-- bench:static:${database}:start -->`;
	const end = `<!-- bench:static:${database}:end -->`;
	const from = docs.indexOf(start);
	const to = docs.indexOf(end);
	if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${start} … ${end} markers`);
	return `${docs.slice(0, from + start.length)}\n${block}\n${docs.slice(to)}`;
}

export async function writeDocsFigures(results: Results, docsPath = DOCS_PATH): Promise<void> {
	const docs = await readFile(docsPath, 'utf8');
	await writeFile(docsPath, withBlock(docs, results.meta.database, staticFiguresBlock(results)));
}
