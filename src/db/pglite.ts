/**
 * The embedded adapter: PGlite (PostgreSQL compiled to WebAssembly) persisted in a directory, or in
 * memory. One process only: PGlite is a single connection with no server, so `dondoc start` holds the
 * data directory's lock while it runs (src/runtime/lock.ts).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { schemaStatements, type SqlClient, type SqlDatabase } from './sql.js';

/** `schema`: dondoc's tables in that schema (the one connection's search_path), as on PostgreSQL. */
export async function openPglite(dir?: string, opts: { schema?: string } = {}): Promise<SqlDatabase> {
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady;
  if (opts.schema !== undefined) {
    const schema = schemaStatements(opts.schema);
    await db.exec(`${schema.create}; SET search_path TO ${schema.name}`);
  }
  const wrap = (tx: Transaction): SqlClient => ({
    query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
    transaction: (inner) => inner(wrap(tx)),
    async exec(text) {
      await tx.exec(text);
    },
  });
  return {
    kind: 'pglite',
    query: async <R>(text: string, params: unknown[] = []) => (await db.query<R>(text, params)).rows,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async exec(text) {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}
