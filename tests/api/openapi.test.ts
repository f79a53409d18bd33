// GET /api/openapi.json: valid OpenAPI 3.1 by an independent validator (swagger-parser), and
// complete: every route the app registers under /api is in it, with its answers. The answers
// themselves are checked against it by every API test (tests/helpers/api.ts call()).
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { OpenApiChecker, type OpenApiDocument } from '../helpers/openapi-check';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
let app: Hono;
let document: OpenApiDocument;

function makeApp(extraApiRoutes?: (api: Hono) => void): Hono {
	return createApp({
		db: database.db,
		config: loadConfig({ SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent' }),
		push: { publicKey: 'openapi-test' },
		...(extraApiRoutes ? { extraApiRoutes } : {})
	}) as unknown as Hono;
}

async function documentOf(target: Hono): Promise<OpenApiDocument> {
	const response = await target.request('/api/openapi.json');
	expect(response.status).toBe(200);
	return (await response.json()) as OpenApiDocument;
}

/** The routes registered under /api that answer (not middlewares, not the catch-all 404), as "get /api/x/{id}". */
function registeredRoutes(target: Hono): string[] {
	const routes = target.routes
		.filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/') && !route.path.endsWith('*'))
		.map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([^/{?]+)/g, '{$1}')}`);
	return [...new Set(routes)].sort();
}

function documentedRoutes(doc: OpenApiDocument): string[] {
	return Object.entries(doc.paths)
		.flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
		.sort();
}

beforeAll(async () => {
	database = await createTestDatabase();
	app = makeApp();
	document = await documentOf(app);
});
afterAll(async () => {
	await database?.close();
});

describe('GET /api/openapi.json', () => {
	it('is a valid OpenAPI 3.1 document by swagger-parser', async () => {
		expect(document.openapi).toBe('3.1.0');
		// validate() dereferences in place: give it a copy.
		await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
	});

	it('swagger-parser refuses a broken copy (so the check above can fail)', async () => {
		const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, { responses?: unknown }>> };
		broken.paths['/api/health']!.get!.responses = { 200: { content: {} } };
		await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
	});

	it('has every route the app registers under /api, and nothing else', () => {
		const registered = registeredRoutes(app);
		expect(registered.length).toBeGreaterThan(40);
		expect(documentedRoutes(document)).toEqual(registered);
	});

	it('fails when a route is added without docs', async () => {
		const withUndocumented = makeApp((api) => {
			api.get('/undocumented', (c) => c.json({ ok: true }));
		});
		const doc = await documentOf(withUndocumented);
		expect(registeredRoutes(withUndocumented)).toContain('get /api/undocumented');
		expect(documentedRoutes(doc)).not.toContain('get /api/undocumented');
	});

	it('gives every operation a success answer, a summary and tags, and every error the error shape', () => {
		for (const [path, operations] of Object.entries(document.paths)) {
			for (const [method, operation] of Object.entries(operations) as [
				string,
				{
					summary?: string;
					tags?: string[];
					responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
				}
			][]) {
				const where = `${method} ${path}`;
				expect(operation.summary, where).toBeTruthy();
				expect(operation.tags?.length, where).toBeGreaterThan(0);
				const statuses = Object.keys(operation.responses);
				// A browser's sign-in (/api/auth/…/login and /callback) succeeds with a redirect, and
				// its failures are pages a person reads, not JSON.
				const browserPage = path.startsWith('/api/auth/') && method === 'get';
				expect(
					statuses.some((s) => s.startsWith('2') || (browserPage && s.startsWith('3'))),
					`${where}: ${statuses}`
				).toBe(true);
				for (const status of statuses.filter((s) => Number(s) >= 400)) {
					const response = operation.responses[status]!;
					if (browserPage && response.content?.['text/html']) continue;
					const schema = response.$ref ? '#/components/schemas/Error' : response.content?.['application/json']?.schema?.$ref;
					expect(schema, `${where} ${status}`).toBe('#/components/schemas/Error');
				}
			}
		}
	});

	it('names the security of visitor, staff and integration routes', () => {
		const doc = document as unknown as {
			paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
			components: { securitySchemes: Record<string, unknown> };
		};
		expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['integrationBearer', 'staffSession', 'visitorBearer']);
		expect(doc.paths['/api/integration/events']!.post!.security).toEqual([{ integrationBearer: [] }]);
		expect(doc.paths['/api/admin/integrations']!.post!.security).toEqual([{ staffSession: [] }]);
		expect(doc.paths['/api/visit-requests']!.post!.security).toEqual([{ visitorBearer: [] }]);
		expect(doc.paths['/api/visit-requests/export']!.get!.security).toEqual([{ visitorBearer: [] }]);
		expect(doc.paths['/api/staff/requests']!.get!.security).toEqual([{ staffSession: [] }]);
		expect(doc.paths['/api/admin/staff']!.get!.security).toEqual([{ staffSession: [] }]);
		expect(doc.paths['/api/push/subscriptions']!.post!.security).toEqual([{ visitorBearer: [] }, { staffSession: [] }]);
		expect(doc.paths['/api/prisons']!.get!.security).toBeUndefined();
		expect(doc.paths['/api/staff/login']!.post!.security).toBeUndefined();
	});

	it('takes the request bodies and queries from the shared zod schemas', () => {
		const op = (path: string, method: string) =>
			document.paths[path]![method] as unknown as {
				requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
				parameters?: { name: string; in: string }[];
			};
		const submit = op('/api/visit-requests', 'post').requestBody!.content['application/json']!.schema;
		expect(submit.required).toEqual(expect.arrayContaining(['id', 'prisonId', 'prisoner', 'visitors', 'slots']));
		expect(
			op('/api/prisons/{prisonId}/slots', 'get')
				.parameters!.map((p) => `${p.in} ${p.name}`)
				.sort()
		).toEqual(['path prisonId', 'query from', 'query to']);
	});
});

describe('the answer check (tests/helpers/openapi-check.ts)', () => {
	it('passes a described answer and names what is wrong with one that is not', () => {
		const checker = new OpenApiChecker(document);
		expect(
			checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: 'application/json', body: { ok: true } })
		).toEqual([]);
		expect(
			checker.problems({ method: 'GET', path: '/api/health', status: 200, contentType: 'application/json', body: { ok: 'yes' } })[0]
		).toMatch(/does not match/);
		expect(checker.problems({ method: 'GET', path: '/api/health', status: 418, contentType: 'application/json', body: {} })[0]).toMatch(
			/does not describe status 418/
		);
		expect(checker.problems({ method: 'PATCH', path: '/api/health', status: 200, contentType: 'application/json', body: {} })[0]).toMatch(
			/has no PATCH/
		);
		const notFound = { error: { code: 'not_found', message: 'Not found' } };
		expect(checker.problems({ method: 'GET', path: '/api/nowhere', status: 404, contentType: 'application/json', body: notFound })).toEqual(
			[]
		);
		expect(
			checker.problems({
				method: 'GET',
				path: '/api/visit-requests/export',
				status: 401,
				contentType: 'application/json',
				body: { error: { code: 'unauthorized' } }
			})[0]
		).toMatch(/does not match/);
	});
});
