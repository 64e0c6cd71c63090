/** dondoc's tables in a schema of their own (DONDOC_DB_SCHEMA, one per province), on the embedded database as on PostgreSQL. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { addUser } from '../../src/web/auth.js';

describe('a database schema per province (PGlite)', () => {
  let db: Database;
  afterAll(async () => db?.close());

  it('migrates into the schema, creates it if absent, and every repository reads and writes there', async () => {
    db = await openDatabase({ memory: true, schema: 'province_son_la' });
    await addUser(db.users, 'thuongtruc', 'mat-khau-son-la-2026');
    const where = await db.sql.query<{ table_schema: string }>(
      `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name IN ('staff_users', 'deliveries', 'schema_migrations')`,
    );
    expect(where.map((r) => r.table_schema)).toEqual(['province_son_la']);
    expect((await db.sql.query<{ t: string | null }>(`SELECT to_regclass('public.staff_users')::text AS t`))[0]!.t).toBeNull();
    expect((await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM province_son_la.staff_users'))[0]!.n).toBe(1);
    expect(await db.users.count()).toBe(1);
  });
});
