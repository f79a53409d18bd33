// Structured logs (pino). Logs never carry personal data: names, dates of birth, prisoner numbers,
// emails, phones, passwords, tokens or secrets. Code should not pass them in the first place; the
// redaction below is the safety net for the field names this product uses, at any depth up to three.
import { pino, type Logger as PinoLogger } from 'pino';

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

export function createLogger(options: { level?: string } = {}): Logger {
	return pino({
		level: options.level ?? 'info',
		redact: { paths: REDACT_PATHS, censor: '[redacted]' },
		base: undefined
	});
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
	return pino({ level: 'silent' });
}
