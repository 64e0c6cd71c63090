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

/**
 * The statements that put dondoc's tables in their own schema. The name is checked here, not quoted: it
 * comes from configuration (DONDOC_DB_SCHEMA, or the province slug) and goes into SQL text.
 */
export function schemaStatements(name: string): { name: string; create: string } {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database schema "${name.slice(0, 70)}": lower-case letters, digits and _ only, at most 63 (DONDOC_DB_SCHEMA)`);
  return { name, create: `CREATE SCHEMA IF NOT EXISTS ${name}` };
}
