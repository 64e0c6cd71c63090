/**
 * dondoc's own database: PostgreSQL when `DATABASE_URL` is set, else PGlite persisted under
 * `<DONDOC_DATA_DIR>/db` (or in memory). Migrated on open, legacy files imported on first open; the
 * repositories are the only way in.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlAudit, type AuditRepository } from './audit.js';
import { sqlDeliveries, type DeliveryLog } from './deliveries.js';
import { sqlDirectory, type DirectoryRepository } from './directory.js';
import { importLegacyData } from './legacyImport.js';
import { sqlMailbox, type MailboxRepository } from './mailbox.js';
import { sqlReportVersions, type ReportVersionRepository } from './reportVersions.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { sqlRegistrations, type RegistrationRepository } from './registrations.js';
import { sqlSessions, type SessionRepository } from './sessions.js';
import type { SqlDatabase } from './sql.js';
import { sqlUsers, type UserRepository } from './users.js';

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly sql: SqlDatabase;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly deliveries: DeliveryLog;
  readonly audit: AuditRepository;
  readonly mailbox: MailboxRepository;
  /** Edited consolidated reports uploaded in the web (the files in the content store). */
  readonly reportVersions: ReportVersionRepository;
  /** The province's agency directory, shared by every plan (src/directory). */
  readonly directory: DirectoryRepository;
  /** Plans registered from the web (state running or ended), each version. */
  readonly registrations: RegistrationRepository;
  /** Migrations applied by this open, and legacy rows imported (for the start-up log). */
  readonly opened: { migrations: string[]; imported: Record<string, number> };
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where dondoc's tables are. `schema`: a PostgreSQL schema of their own (one per province of a national
 * deployment, config DONDOC_DB_SCHEMA), created if absent and first on every connection's search_path;
 * absent: the server's default (public).
 */
export type DatabaseTarget = ({ url: string } | { dir: string } | { memory: true }) & { schema?: string };

export const embeddedDatabaseDir = (dataDir: string) => join(dataDir, 'db');

/** The database a configuration names: DATABASE_URL, else PGlite under the data directory. */
export const databaseTarget = (config: { DATABASE_URL?: string; DONDOC_DATA_DIR: string; DONDOC_DB_SCHEMA?: string }): DatabaseTarget => ({
  ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dir: embeddedDatabaseDir(config.DONDOC_DATA_DIR) }),
  ...(config.DONDOC_DB_SCHEMA ? { schema: config.DONDOC_DB_SCHEMA } : {}),
});

export async function openDatabase(target: DatabaseTarget, opts: { legacyDataDir?: string; sessionTtlMs?: number } = {}): Promise<Database> {
  let sql: SqlDatabase;
  if ('url' in target) sql = await openPostgres(target.url, { schema: target.schema });
  else if ('dir' in target) {
    await mkdir(target.dir, { recursive: true });
    sql = await openPglite(target.dir, { schema: target.schema });
  } else sql = await openPglite(undefined, { schema: target.schema });
  try {
    const migrations = await migrate(sql);
    const imported = opts.legacyDataDir ? await importLegacyData(sql, opts.legacyDataDir) : {};
    return {
      kind: sql.kind,
      sql,
      users: sqlUsers(sql),
      sessions: sqlSessions(sql, opts.sessionTtlMs),
      deliveries: sqlDeliveries(sql),
      audit: sqlAudit(sql),
      mailbox: sqlMailbox(sql),
      reportVersions: sqlReportVersions(sql),
      directory: sqlDirectory(sql),
      registrations: sqlRegistrations(sql),
      opened: { migrations, imported },
      async ping() {
        await sql.query('SELECT 1');
      },
      close: () => sql.close(),
    };
  } catch (err) {
    await sql.close().catch(() => {});
    throw err;
  }
}
