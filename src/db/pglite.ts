/**
 * The embedded adapter: PGlite (PostgreSQL compiled to WebAssembly) persisted in a directory, or in
 * memory. One process only: PGlite is a single connection with no server, so `dondoc start` holds the
 * data directory's lock while it runs (src/runtime/lock.ts).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sql.js';

export async function openPglite(dir?: string): Promise<SqlDatabase> {
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady;
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
