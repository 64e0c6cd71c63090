/**
 * The one thing every repository needs from a database: parameterised queries and transactions. Two
 * adapters implement it, PostgreSQL through `pg` (production, `DATABASE_URL`) and PGlite (embedded, under
 * the data directory), so a repository never knows which it talks to.
 */
export interface SqlClient {
  /** `$1, $2…` parameters, rows as plain objects (timestamptz as Date, jsonb parsed). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Several statements in one string, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** A storage fault: the database did not answer or refused a write. Nothing is sent on one. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? new Date(d).toISOString() : null);
