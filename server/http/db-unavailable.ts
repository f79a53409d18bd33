// Telling "the database is down or restarting" (answer 503, the client retries) apart from a bug (500).

export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_SQLSTATES = new Set([
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now (starting up, in recovery)
	'53300', // too_many_connections
	'08000', // connection_exception
	'08001', // sqlclient_unable_to_establish_sqlconnection
	'08003', // connection_does_not_exist
	'08004', // sqlserver_rejected_establishment_of_sqlconnection
	'08006' // connection_failure
]);
// pg reports a dropped socket with a plain Error and no code.
const UNAVAILABLE_MESSAGES = [
	/Connection terminated/i,
	/timeout exceeded when trying to connect/i,
	/Client has encountered a connection error/i,
	/The database has been closed/i
];

function codeOf(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const code = codeOf(error);
	if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code))) return true;
	if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
	// AggregateError (several addresses refused) and wrapped causes.
	if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
	return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}

const INVALID_INPUT_SQLSTATES = new Set([
	'22P02', // invalid_text_representation (e.g. 'abc' as a uuid)
	'22007', // invalid_datetime_format
	'22008', // datetime_field_overflow
	'22003', // numeric_value_out_of_range
	// A NUL character in text (found by fuzzing: a name or email with \u0000 passed every schema).
	'22021', // character_not_in_repertoire ("invalid byte sequence for encoding UTF8: 0x00")
	'22P05' // untranslatable_character (\u0000 inside jsonb)
]);

/** The database refused a value's format: a client sent something no validator caught. */
export function isInvalidInputToDatabase(error: unknown): boolean {
	const code = codeOf(error);
	return code !== undefined && INVALID_INPUT_SQLSTATES.has(code);
}
