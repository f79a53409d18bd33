// JSON serialised ahead of time (e.g. a cached calendar), answered as it is but typed like c.json(value):
// the brand remembers what was serialised, so the typed client still sees the answer's shape.
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';

declare const serialised: unique symbol;
export type JsonText<T> = string & { readonly [serialised]: T };

export function jsonText<T>(value: T): JsonText<T> {
	return JSON.stringify(value) as JsonText<T>;
}

export function respondJsonText<T, S extends ContentfulStatusCode>(
	c: Context,
	text: JsonText<T>,
	status: S,
	headers: Record<string, string> = {}
) {
	return c.body(text, status, { ...headers, 'Content-Type': 'application/json' }) as unknown as Response &
		TypedResponse<JSONParsed<T>, S, 'json'>;
}
