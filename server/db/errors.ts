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
