// A Kysely dialect over one PGlite instance.
//
// PGlite is a single PostgreSQL session. If two Kysely transactions shared it, their statements would
// interleave inside one server-side transaction and one's COMMIT could commit the other's rows (seen with
// kysely-pglite). So this driver hands out its one connection to one user at a time: every transaction,
// and every statement outside a transaction, waits its turn in a FIFO queue.
import type { PGlite } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

export class PGliteDialect implements Dialect {
	readonly #pglite: PGlite;

	constructor(pglite: PGlite) {
		this.#pglite = pglite;
	}

	createAdapter(): DialectAdapter {
		return new PostgresAdapter();
	}

	createDriver(): Driver {
		return new PGliteDriver(this.#pglite);
	}

	createQueryCompiler(): QueryCompiler {
		return new PostgresQueryCompiler();
	}

	// Kysely's introspector is typed with Kysely<any>; it reads the catalogue, not our tables.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	createIntrospector(db: Kysely<any>): DatabaseIntrospector {
		return new PostgresIntrospector(db);
	}
}

/** A FIFO lock: acquire() resolves with a release function once every earlier holder has released. */
class Turnstile {
	#tail: Promise<void> = Promise.resolve();

	acquire(): Promise<() => void> {
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const previous = this.#tail;
		this.#tail = previous.then(() => released);
		return previous.then(() => release);
	}
}

class PGliteDriver implements Driver {
	readonly #pglite: PGlite;
	readonly #connection: PGliteConnection;
	readonly #turnstile = new Turnstile();
	#release: (() => void) | null = null;

	constructor(pglite: PGlite) {
		this.#pglite = pglite;
		this.#connection = new PGliteConnection(pglite);
	}

	async init(): Promise<void> {
		await this.#pglite.waitReady;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		const release = await this.#turnstile.acquire();
		if (this.#pglite.closed) {
			release();
			throw new Error('The database has been closed');
		}
		this.#release = release;
		return this.#connection;
	}

	async releaseConnection(): Promise<void> {
		const release = this.#release;
		this.#release = null;
		release?.();
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		// Isolation levels mean little in a single session, but keep the statement honest for readers of logs.
		let statement = 'begin';
		if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
		if (settings.accessMode) statement += ` ${settings.accessMode}`;
		await connection.executeQuery(CompiledQuery.raw(statement));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		const result = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
		// PostgreSQL answers COMMIT with a ROLLBACK tag when an earlier error aborted the transaction.
		if (result.rows[0]?.command === 'ROLLBACK') {
			throw new Error('The transaction was rolled back because a statement in it failed');
		}
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
	}

	async destroy(): Promise<void> {
		// Wait for whoever holds the connection so their transaction finishes before the files close.
		const release = await this.#turnstile.acquire();
		try {
			if (!this.#pglite.closed) await this.#pglite.close();
		} finally {
			release();
		}
	}
}

function quoteIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

class PGliteConnection implements DatabaseConnection {
	readonly #pglite: PGlite;

	constructor(pglite: PGlite) {
		this.#pglite = pglite;
	}

	async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		const result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
		const command = result.command?.toUpperCase();
		if (command === 'COMMIT' || command === 'ROLLBACK') {
			return { rows: [{ command } as R] };
		}
		const changesRows = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
		return {
			rows: result.rows,
			...(changesRows ? { numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) } : {})
		};
	}

	async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
		// PGlite has no cursors over this API; the rows are in memory anyway, so hand them out in chunks.
		const { rows } = await this.executeQuery<R>(compiledQuery);
		for (let start = 0; start < rows.length; start += chunkSize) {
			yield { rows: rows.slice(start, start + chunkSize) };
		}
	}
}
