// The API's error answers: {"error":{"code","message","fields"?}} (PRODUCT.md). Handlers throw ApiError;
// app.onError(handleError) turns it, zod errors, bad JSON and Hono's HTTPExceptions into that shape.
// Anything else is a bug: 500 with a generic message, logged without the request's personal data.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { t, type MessageKey } from '../../src/lib/shared/i18n/index';
import { fieldErrorsOf } from '../../src/lib/shared/validation';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, RuleProblems } from '../domain-errors';
import type { Logger } from '../log';
import { isDatabaseUnavailable, isInvalidInputToDatabase, RETRY_AFTER_UNAVAILABLE_SECONDS } from './db-unavailable';

export type ErrorCode =
	| 'bad_request'
	| 'invalid_json'
	| 'validation_failed'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'method_not_allowed'
	| 'conflict'
	| 'payload_too_large'
	| 'unprocessable'
	| 'rate_limited'
	| 'service_unavailable'
	| 'internal_error'
	// Routes may use more specific codes (e.g. 'slot_full', 'id_conflict').
	| (string & {});

export interface ApiErrorBody {
	error: {
		code: ErrorCode;
		message: string;
		fields?: Record<string, string>;
		details?: Record<string, unknown>;
		/** Booked visits a closure or timetable change would hit (409 closure_hits_visits / timetable_hits_visits). */
		visits?: HitVisit[];
	};
}

/** A booked visit named in an error: enough for staff to find it. */
export interface HitVisit {
	id: string;
	reference: string;
	date: string;
	start: string;
}

/** An error answer's status: never a 2xx, so error answers never pass for data in the typed client. */
export type ErrorStatusCode = ClientErrorStatusCode | ServerErrorStatusCode;

export class ApiError extends Error {
	readonly status: ErrorStatusCode;
	readonly code: ErrorCode;
	readonly fields?: Record<string, string>;
	/** Extra response headers, e.g. Retry-After. */
	readonly headers?: Record<string, string>;
	/** Machine-readable facts about the error, sent as error.details (e.g. who decided a request first). */
	readonly details?: Record<string, unknown>;
	/** Sent as error.visits. */
	readonly visits?: HitVisit[];

	constructor(
		status: ErrorStatusCode,
		code: ErrorCode,
		message: string,
		options: {
			fields?: Record<string, string>;
			headers?: Record<string, string>;
			details?: Record<string, unknown>;
			visits?: HitVisit[];
			cause?: unknown;
		} = {}
	) {
		super(message, { cause: options.cause });
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		if (options.fields) this.fields = options.fields;
		if (options.headers) this.headers = options.headers;
		if (options.details) this.details = options.details;
		if (options.visits) this.visits = options.visits;
	}

	toBody(): ApiErrorBody {
		const body = errorBody(this.code, this.message, this.fields);
		if (this.details) body.error.details = this.details;
		if (this.visits) body.error.visits = this.visits;
		return body;
	}

	// Shorthands for the common answers. Messages come from the catalogue: pass t('api.…').
	static badRequest(message: string = t('platform.error.validation'), fields?: Record<string, string>): ApiError {
		return new ApiError(400, fields ? 'validation_failed' : 'bad_request', message, { fields });
	}

	static unauthorized(message: string = t('platform.error.unauthorized')): ApiError {
		return new ApiError(401, 'unauthorized', message);
	}

	static forbidden(message: string = t('platform.error.forbidden')): ApiError {
		return new ApiError(403, 'forbidden', message);
	}

	static notFound(message: string = t('platform.error.notFound')): ApiError {
		return new ApiError(404, 'not_found', message);
	}

	/**
	 * 409. `details` says what the request ran into (e.g. { status, by, at }) and is sent as
	 * error.details so the PWA can explain it without parsing the message.
	 */
	static conflict(
		message: string = t('platform.error.conflict'),
		code: ErrorCode = 'conflict',
		details?: Record<string, unknown>,
		fields?: Record<string, string>
	): ApiError {
		return new ApiError(409, code, message, { fields, details });
	}

	static unprocessable(message: string = t('platform.error.unprocessable'), fields?: Record<string, string>): ApiError {
		return new ApiError(422, 'unprocessable', message, { fields });
	}
}
export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>): ApiErrorBody {
	return { error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message } };
}

/** Writes an ApiError as a response (for middlewares that answer instead of throwing). */
export function respondWithError(c: Context, error: ApiError) {
	for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
	return c.json(error.toBody(), error.status);
}

const HTTP_EXCEPTION_CODES: Partial<Record<number, [ErrorCode, MessageKey]>> = {
	400: ['bad_request', 'platform.error.badRequest'],
	401: ['unauthorized', 'platform.error.unauthorized'],
	403: ['forbidden', 'platform.error.forbidden'],
	404: ['not_found', 'platform.error.notFound'],
	405: ['method_not_allowed', 'platform.error.methodNotAllowed'],
	413: ['payload_too_large', 'platform.error.payloadTooLarge'],
	429: ['rate_limited', 'platform.error.rateLimited.other']
};

/** Each kind of domain error's status and code (unless it names a more specific code): the one place they meet HTTP. */
const DOMAIN_ANSWERS: [new (...args: never[]) => DomainError, ErrorStatusCode, ErrorCode][] = [
	[NotFound, 404, 'not_found'],
	[Forbidden, 403, 'forbidden'],
	[Conflict, 409, 'conflict'],
	[RuleProblems, 422, 'unprocessable'],
	[InvalidInput, 400, 'validation_failed']
];

function fromDomainError(error: DomainError): ApiError {
	const [, status, kindCode] = DOMAIN_ANSWERS.find(([kind]) => error instanceof kind) ?? [DomainError, 500, 'internal_error'];
	// A 400 without fields is a plain bad request, as ApiError.badRequest answers it.
	const code = error.code ?? (status === 400 && !error.fields ? 'bad_request' : kindCode);
	return new ApiError(status, code, error.message, { fields: error.fields, details: error.details, visits: error.visits, cause: error });
}

/** Maps anything thrown by a handler to an ApiError; unknown errors become a 500. */
export function toApiError(error: unknown): ApiError {
	if (error instanceof ApiError) return error;
	if (error instanceof DomainError) return fromDomainError(error);
	if (error instanceof ZodError) {
		return new ApiError(400, 'validation_failed', t('platform.error.validation'), {
			fields: fieldErrorsOf(error.issues, 'body')
		});
	}
	if (error instanceof HTTPException) {
		// Hono's validator throws this for a body that claims to be JSON but is not.
		if (error.status === 400 && /json/i.test(error.message)) {
			return new ApiError(400, 'invalid_json', t('platform.error.invalidJson'));
		}
		const [code, key] = HTTP_EXCEPTION_CODES[error.status] ?? ['internal_error', 'platform.error.internal'];
		const status = HTTP_EXCEPTION_CODES[error.status] ? (error.status as ErrorStatusCode) : 500;
		return new ApiError(status, code, t(key, { seconds: 60 }));
	}
	if (isDatabaseUnavailable(error)) {
		return new ApiError(503, 'service_unavailable', t('platform.error.unavailable'), {
			headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_SECONDS) }
		});
	}
	// A value the database could not read (e.g. a malformed uuid in a path) is the client's mistake.
	if (isInvalidInputToDatabase(error)) return new ApiError(400, 'bad_request', t('platform.error.badRequest'));
	return new ApiError(500, 'internal_error', t('platform.error.internal'));
}

/**
 * What may be logged about an error. Database errors' messages and details can quote the values that
 * failed (an email in a unique violation, a name in a cast error), so only their codes are kept.
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { type: typeof error };
	const fromDatabase = typeof (error as { severity?: unknown }).severity === 'string';
	const details = error as Error & { code?: unknown; constraint?: unknown; routine?: unknown; table?: unknown };
	const stackFrames = error.stack
		?.split('\n')
		.filter((line) => line.trimStart().startsWith('at '))
		.slice(0, 12);
	// `type`, not `name`: the log redaction hides any field called name.
	return {
		type: error.name,
		...(fromDatabase ? {} : { message: error.message }),
		...(details.code !== undefined ? { code: details.code } : {}),
		...(details.constraint !== undefined ? { constraint: details.constraint } : {}),
		...(details.table !== undefined ? { table: details.table } : {}),
		...(details.routine !== undefined ? { routine: details.routine } : {}),
		stack: stackFrames,
		...(error.cause !== undefined ? { cause: describeErrorForLog(error.cause) } : {})
	};
}

export function createErrorHandler(logger: Logger): ErrorHandler {
	return (error, c) => {
		const apiError = toApiError(error);
		if (apiError.status >= 500) {
			const level = apiError.status === 503 ? 'warn' : 'error';
			logger[level]({ err: describeErrorForLog(error), method: c.req.method, route: c.req.routePath }, 'request failed');
		}
		return respondWithError(c, apiError);
	};
}

/** 404 for unknown /api paths, in the contract's shape. */
export const apiNotFound: NotFoundHandler = (c) => c.json(errorBody('not_found', t('platform.error.notFound')), 404);
