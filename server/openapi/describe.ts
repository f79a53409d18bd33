// How a route says what it answers, for the OpenAPI document (server/routes/openapi.ts). A route
// puts `docs({...})` first in its handler list; the request body, query and path parameters come
// from its validate(...) middlewares by themselves (server/http/validation.ts), and the security
// scheme and 401 from the auth middleware (documentedAuth below). See docs/openapi.md.
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { describeRoute, resolver, uniqueSymbol } from 'hono-openapi';
import type { $ZodType } from 'zod/v4/core';
import { ErrorAnswer } from './answers';

type Schema = $ZodType & Parameters<typeof resolver>[0];
/** A zod schema through resolver(), a $ref, or a plain JSON Schema for a non-JSON body. */
type BodySchema = ReturnType<typeof resolver> | { $ref: string } | { type: 'string' | 'object'; format?: string };
export type Response = {
	description: string;
	content?: Record<string, { schema: BodySchema }>;
	headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>;
};

/** An answer's body: the schema of what the handler sends with c.json (output side of the schema). */
export function json(schema: Schema, description: string): Response {
	return { description, content: { 'application/json': { schema: resolver(schema, { options: { io: 'output' } }) } } };
}

/** An answer with no body (204, 304). */
export function empty(description: string): Response {
	return { description };
}

/** An error answer in the contract's shape; `description` says when it happens on this route. */
export function error(description: string): Response {
	return json(ErrorAnswer, description);
}

export interface RouteDocs {
	summary: string;
	description?: string;
	tags: string[];
	/** Every status the route answers with (2xx, 3xx and its own 4xx); the common ones are in document.ts. */
	answers: Record<number, Response | { $ref: string }>;
	/** Who may call it, when no auth middleware says (e.g. signing out works with or without a session). */
	security?: Record<string, string[]>[];
	/** Query or path parameters the route reads by hand (not through validate()). */
	parameters?: {
		in: 'query' | 'path';
		name: string;
		required: boolean;
		schema: { type: 'string'; format?: string };
		description?: string;
	}[];
	/** A body the route validates by hand (not through validate()). */
	requestBody?: { schema: Schema; description?: string };
}

/** The route's own description: put it first in the route's handlers. */
export function docs(route: RouteDocs): MiddlewareHandler {
	return describeRoute({
		summary: route.summary,
		...(route.description ? { description: route.description } : {}),
		tags: route.tags,
		...(route.security ? { security: route.security } : {}),
		...(route.parameters ? { parameters: route.parameters } : {}),
		...(route.requestBody
			? {
					requestBody: {
						required: true,
						...(route.requestBody.description ? { description: route.requestBody.description } : {}),
						content: { 'application/json': { schema: resolver(route.requestBody.schema) } }
					}
				}
			: {}),
		responses: Object.fromEntries(Object.entries(route.answers))
	});
}

/**
 * Marks a validate() middleware with what it validates, as hono-openapi's own validator does: the
 * document then shows the body (json), query or path parameters from the same zod schema.
 */
export function documentedValidator<M extends object>(middleware: M, target: keyof ValidationTargets, schema: Schema): M {
	return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
}

export const VISITOR = [{ visitorBearer: [] }];
export const STAFF = [{ staffSession: [] }];
export const INTEGRATION = [{ integrationBearer: [] }];

/**
 * Marks an auth middleware with its security requirement and answers. Used with `.use(...)`, it
 * applies to every route registered after it under the same prefix (hono-openapi's path context).
 */
export function documentedAuth<M extends MiddlewareHandler>(
	middleware: M,
	security: Record<string, string[]>[],
	answers: Record<number, Response>
): M {
	return Object.assign(middleware, { [uniqueSymbol]: { spec: { security, responses: answers } } });
}
