import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { migrationFiles } from '../../src/db/migrate.js';
import { repositoryContract } from '../db/contract.js';
import { directoryContract } from '../db/directoryContract.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres.js';

const missing = postgresMissing();
if (missing) console.warn(`skipped: ${missing}`);

/** The same repository contract as test/db, on Debian's PostgreSQL server started for this file. */
describe.skipIf(missing)('repositories on a real PostgreSQL server', () => {
  let pg: TestPostgres;
  let db: Database;
  beforeAll(async () => {
    pg = await startPostgres();
    db = await openDatabase({ url: pg.url });
  });
  afterAll(async () => {
    await db?.close();
    await pg?.stop();
  });

  it('two processes opening the database at once apply each migration once', async () => {
    await db.sql.query('CREATE DATABASE race');
    const url = pg.url.replace(/\/postgres$/, '/race');
    const [a, b] = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
    const files = await migrationFiles();
    expect([...a.opened.migrations, ...b.opened.migrations].sort()).toEqual(files.map((f) => f.file));
    const rows = await a.sql.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
    await Promise.all([a.close(), b.close()]);
  });

  repositoryContract(() => db);
  directoryContract(() => db);
});
