// Structured logs (pino). Logs never carry personal data: names, dates of birth, prisoner numbers,
// emails, phones, passwords, tokens or secrets. Code should not pass them in the first place; the
// redaction below is the safety net for the field names this product uses, at any depth up to three.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const PERSONAL_FIELDS = [
	'name',
	'firstName',
	'lastName',
	'actorName',
	'dateOfBirth',
	'prisonerNumber',
	'prisonerFirstName',
	'prisonerLastName',
	'prisonerDateOfBirth',
	'additionalSupport',
	'email',
	'phone',
	'password',
	'passwordHash',
	'secret',
	'token',
	'authorization',
	'cookie',
	'endpoint',
	'p256dh',
	'auth',
	'visitors',
	'prisoner',
	'decisionMessage'
];

// pino's paths are exact: list each field at the top level and under one or two wildcard levels.
const REDACT_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** `destination`: somewhere other than stdout (tests). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
	const settings = { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined };
	return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * For the one line per request (method, route pattern, status, duration: requestLog and the
 * calendar's fast path) and nothing else: the same logger, the same line, without the redaction.
 * Those four fields can hold no personal data, so the net has nothing to catch there, and with this
 * many wildcard paths it is what a line costs: about 50 µs against 2.5 without (measured on pino
 * 10), more than a whole cached calendar answer. Anything with other fields logs through the logger.
 */
export function requestLineLogger(logger: Logger): Logger {
	return logger.child({}, { redact: { paths: [] } });
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
	return pino({ level: 'silent' });
}
