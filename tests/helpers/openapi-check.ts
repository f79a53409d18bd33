// Checks an API answer against /api/openapi.json: the path template and method must be in the
// document, the status among the operation's responses, and the body valid against that response's
// schema (ajv, compiled once per process). call() in tests/helpers/api.ts runs it on every answer
// the API tests receive, so the document cannot drift from what the server sends.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the plugin function under `default` here.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

interface MediaType {
	schema?: unknown;
}
interface ResponseObject {
	description?: string;
	content?: Record<string, MediaType>;
	$ref?: string;
}
interface Operation {
	responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
	openapi: string;
	paths: Record<string, Record<string, Operation>>;
	components?: { schemas?: Record<string, unknown>; responses?: Record<string, ResponseObject> };
}

export interface Answer {
	method: string;
	/** The path as requested, with its query. */
	path: string;
	status: number;
	contentType: string | null;
	body: unknown;
}

const ERROR_SCHEMA = '#/components/schemas/Error';
/** The document's id inside ajv, so refs into it resolve. */
const BASE = 'https://book-a-prison-visit.invalid/openapi.json';

export class OpenApiChecker {
	private readonly ajv: Ajv2020;
	private readonly templates: { template: string; pattern: RegExp; literalSegments: number }[];
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(readonly document: OpenApiDocument) {
		this.ajv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(this.ajv);
		// The document is one schema resource, so `#/components/...` refs resolve inside it.
		this.ajv.addSchema({ ...document, $id: BASE } as object);
		this.templates = Object.keys(document.paths).map((template) => ({
			template,
			pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
			literalSegments: template.split('/').filter((segment) => !segment.startsWith('{')).length
		}));
	}

	/** The document's path template for a concrete path: the most literal match (/a/export before /a/{id}). */
	templateOf(method: string, path: string): string | undefined {
		const matches = this.templates.filter((t) => t.pattern.test(path)).sort((a, b) => b.literalSegments - a.literalSegments);
		return (matches.find((t) => this.document.paths[t.template]?.[method.toLowerCase()]) ?? matches[0])?.template;
	}

	/** Problems with an answer, in words; empty when the document describes it. */
	problems(answer: Answer): string[] {
		const path = answer.path.split('?')[0] ?? answer.path;
		if (!path.startsWith('/api/')) return [];
		const method = answer.method.toLowerCase();
		const where = `${answer.method} ${path} → ${answer.status}`;
		const template = this.templateOf(method, path);
		const operation = template ? this.document.paths[template]?.[method] : undefined;
		if (!template || !operation) {
			// Unknown paths and methods get the catch-all 404 (server/app.ts apiNotFound), in the error shape.
			if (answer.status === 404) return this.check(ERROR_SCHEMA, answer.body, `${where} (no such route)`);
			return [`${where}: the document has no ${answer.method} ${template ?? path}`];
		}
		const response = this.resolve(operation.responses[String(answer.status)]);
		if (!response) {
			const described = Object.keys(operation.responses).join(', ');
			return [`${where}: the document's ${answer.method} ${template} does not describe status ${answer.status} (it has ${described})`];
		}
		const media = (answer.contentType ?? '').split(';')[0]?.trim() ?? '';
		if (!response.content) {
			return answer.body === null || answer.body === '' ? [] : [`${where}: the document says no body, the server sent ${media || 'one'}`];
		}
		const content = response.content[media];
		if (!content)
			return [`${where}: the document has no ${media || 'untyped'} answer (it has ${Object.keys(response.content).join(', ')})`];
		if (media !== 'application/json') return [];
		const pointer = `#/paths/${escape(template)}/${method}/responses/${answer.status}/content/${escape('application/json')}/schema`;
		const via = operation.responses[String(answer.status)]?.$ref;
		return this.check(via ? `${via}/content/${escape('application/json')}/schema` : pointer, answer.body, `${where} (${template})`);
	}

	private resolve(response: ResponseObject | undefined): ResponseObject | undefined {
		if (!response?.$ref) return response;
		const name = response.$ref.split('/').pop() ?? '';
		return this.document.components?.responses?.[name];
	}

	private check(ref: string, body: unknown, where: string): string[] {
		const key = `${BASE}${ref}`;
		let validate = this.compiled.get(key);
		if (!validate) {
			validate = this.ajv.compile({ $ref: key });
			this.compiled.set(key, validate);
		}
		if (validate(body)) return [];
		const errors = (validate.errors ?? [])
			.slice(0, 8)
			.map((e) => `  ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
		return [`${where}: the body does not match the document:\n${errors.join('\n')}\n  body: ${JSON.stringify(body).slice(0, 600)}`];
	}
}

/** A JSON pointer segment, as it goes in a URI fragment. */
function escape(segment: string): string {
	return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));
}

let shared: Promise<OpenApiChecker> | undefined;

/**
 * The checker for this process, over the document the app serves at /api/openapi.json. Made in
 * process (the document depends only on the code, not on a database or a running server), so a
 * test whose server or proxy is down still gets it.
 */
export function apiChecker(): Promise<OpenApiChecker> {
	shared ??= (async () => {
		const [{ createApp }, { loadConfig }] = await Promise.all([import('../../server/app'), import('../../server/config')]);
		// No route touches the database while the app is built or the document is made.
		const app = createApp({
			db: {} as never,
			config: loadConfig({ SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent' }),
			push: { publicKey: 'openapi-check' }
		});
		const response = await app.request('/api/openapi.json');
		if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
		return new OpenApiChecker((await response.json()) as OpenApiDocument);
	})();
	return shared;
}
