/**
 * Versioned SQL migrations (`migrations/NNNN_name.sql`), applied in order, each once, in one transaction
 * under an advisory lock: several workers and web replicas starting together against one PostgreSQL do
 * not race, and a failed migration leaves the schema as it was.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql.js';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any fixed number: the advisory lock all dondoc processes take while migrating. */
const LOCK = 7_233_001;

export async function migrationFiles(): Promise<{ version: string; file: string }[]> {
  return (await readdir(migrationsDir))
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), file: f }));
}

/** Applies the migrations not yet applied; returns their file names. */
export async function migrate(db: SqlClient): Promise<string[]> {
  const files = await migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const m of files) {
      if (done.has(m.version)) continue;
      await tx.exec(await readFile(join(migrationsDir, m.file), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.file]);
      applied.push(m.file);
    }
    return applied;
  });
}
