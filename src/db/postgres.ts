/** The PostgreSQL adapter (`pg`): a connection pool, one pooled client per transaction. */
import pg from 'pg';
import { schemaStatements, type SqlClient, type SqlDatabase } from './sql.js';

/** `schema`: every connection of the pool opens with it alone on its search_path (set at connection start, so no pooled client can miss it). */
export async function openPostgres(url: string, opts: { max?: number; schema?: string } = {}): Promise<SqlDatabase> {
  const schema = opts.schema === undefined ? undefined : schemaStatements(opts.schema);
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 10_000, ...(schema ? { options: `-c search_path=${schema.name}` } : {}) });
  // An idle client that loses its server emits here; without a listener it would crash the process.
  pool.on('error', (err) => process.stderr.write(`dondoc: PostgreSQL pool: ${err.message}\n`));
  const client = (c: pg.Pool | pg.PoolClient): SqlClient => ({
    async query<R>(text: string, params: unknown[] = []) {
      return (await c.query(text, params)).rows as R[];
    },
    transaction: (fn) => transaction(fn),
    async exec(text) {
      await c.query(text);
    },
  });
  async function transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const tx: SqlClient = { ...client(c), transaction: (inner) => inner(tx) };
      const out = await fn(tx);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }
  // Fail at start-up, not at the first request, when the server cannot be reached.
  try {
    await pool.query('SELECT 1');
    if (schema) await pool.query(schema.create);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return {
    kind: 'postgres',
    ...client(pool),
    close: () => pool.end(),
  };
}
