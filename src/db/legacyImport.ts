/**
 * Data written by earlier versions into the data directory, imported into the database on first start:
 * `users.json` (staff accounts) and `sent/*.json` (the file sent log, one file per accepted message).
 * Each source is imported once (`legacy_imports`); the files are left in place, untouched.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlClient } from './sql.js';

interface LegacyUser {
  name: string;
  hash: string;
  createdAt?: string;
}
interface LegacySent {
  key: string;
  messageId: string;
  at: string;
  to: string[];
  subject: string;
}

const readJson = async <T>(file: string): Promise<T | null> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file}: ${(err as Error).message}`);
  }
};

/** Returns how many rows each source gave (absent when already imported or missing). */
export async function importLegacyData(db: SqlClient, dataDir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const once = async (name: string, fn: (tx: SqlClient) => Promise<number | null>) =>
    db.transaction(async (tx) => {
      if ((await tx.query('SELECT 1 FROM legacy_imports WHERE name = $1', [name])).length) return;
      const rows = await fn(tx);
      if (rows === null) return;
      await tx.query('INSERT INTO legacy_imports (name, rows) VALUES ($1, $2)', [name, rows]);
      out[name] = rows;
    });

  await once('users.json', async (tx) => {
    const users = await readJson<LegacyUser[]>(join(dataDir, 'users.json'));
    if (!users) return null;
    for (const u of users)
      await tx.query('INSERT INTO staff_users (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [
        u.name,
        u.hash,
        // Earlier versions had one kind of account, allowed everything: they stay administrators.
        'admin',
        u.createdAt ?? new Date().toISOString(),
      ]);
    return users.length;
  });

  await once('sent', async (tx) => {
    const dir = join(dataDir, 'sent');
    const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
    if (!names) return null;
    let n = 0;
    for (const f of names.filter((x) => x.endsWith('.json')).sort()) {
      const e = await readJson<LegacySent>(join(dir, f));
      if (!e?.key || !e.messageId) continue;
      // The file was written after the relay accepted the message: its time is the acceptance's.
      const acceptedAt = (await stat(join(dir, f))).mtime;
      const headerOf = (name: string) => e.key.split('/')[0]?.split(':')[name === 'plan' ? 1 : name === 'period' ? 2 : 3] ?? null;
      const report = e.key.startsWith('report:');
      await tx.query(
        `INSERT INTO deliveries (key, message_id, kind, plan_id, period, agency_id, to_addrs, cc_addrs, subject, business_at, state, accepted_at, relay_response, intent_at, last_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', $8, $9, 'accepted', $10, 'imported from the file sent log', $10, $10) ON CONFLICT (key) DO NOTHING`,
        [
          e.key,
          e.messageId,
          e.key.split('/')[1] ?? null,
          headerOf('plan'),
          report || e.key.startsWith('cycle:') ? headerOf('period') : null,
          report ? headerOf('agency') : null,
          JSON.stringify(e.to ?? []),
          e.subject ?? '',
          e.at,
          acceptedAt,
        ],
      );
      n++;
    }
    return n;
  });
  return out;
}
