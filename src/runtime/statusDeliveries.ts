/**
 * `dondoc status` reads the delivery log itself: from DATABASE_URL, or from the embedded database when no
 * other dondoc holds it. While `dondoc start` runs, its embedded database is its own (one process): the
 * status then goes without `deliveries`, says why on stderr, and the web's status API has them.
 */
import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { databaseTarget, embeddedDatabaseDir, openDatabase } from '../db/index.js';
import { withDeliveries } from '../service/deliveryStatus.js';
import { lockDataDir } from './lock.js';

type Status = Parameters<typeof withDeliveries>[0];

export async function statusWithDeliveries<S extends Status>(config: Config, status: S, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  if (config.DATABASE_URL) {
    const db = await openDatabase(databaseTarget(config));
    try {
      return await withDeliveries(status, db.deliveries);
    } finally {
      await db.close();
    }
  }
  const dir = embeddedDatabaseDir(config.DONDOC_DATA_DIR);
  if (!existsSync(dir)) return status;
  let lock;
  try {
    lock = lockDataDir(config.DONDOC_DATA_DIR, 'status');
  } catch {
    warn(`dondoc status: the embedded database (${dir}) is in use by the running dondoc; delivery states are on the web: GET /api/plans/${status.planId}/status`);
    return status;
  }
  try {
    const db = await openDatabase(databaseTarget(config));
    try {
      return await withDeliveries(status, db.deliveries);
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}
