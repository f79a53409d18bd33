// Recognising the database errors that routes turn into answers (pg and PGlite both carry SQLSTATE codes).

function sqlState(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

function constraintOf(error: unknown): string | undefined {
	const constraint = (error as { constraint?: unknown } | null)?.constraint;
	return typeof constraint === 'string' ? constraint : undefined;
}

/** A unique or primary-key violation, optionally of one named constraint (e.g. 'visit_requests_pkey'). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	return sqlState(error) === '23505' && (constraint === undefined || constraintOf(error) === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
	return sqlState(error) === '23503';
}

/** Serialization failure or deadlock: the transaction may simply be retried. */
export function isRetryableTransactionError(error: unknown): boolean {
	const code = sqlState(error);
	return code === '40001' || code === '40P01';
}
