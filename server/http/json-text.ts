// JSON serialised ahead of time (e.g. a cached calendar), answered as it is but typed like c.json(value):
// the brand remembers what was serialised, so the typed client still sees the answer's shape.

declare const serialised: unique symbol;
export type JsonText<T> = string & { readonly [serialised]: T };

export function jsonText<T>(value: T): JsonText<T> {
	return JSON.stringify(value) as JsonText<T>;
}
