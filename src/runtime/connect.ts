/** Connecting to Temporal from the CLI: TEMPORAL_ADDRESS, or the dev server `dondoc start` runs. */
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config.js';
import { ContentStore } from '../storage/contentStore.js';
import { PlanStore } from '../storage/planStore.js';
import type { Ops } from '../service/operations.js';

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

export async function withOps<T>(config: Config, fn: (ops: Ops) => Promise<T>): Promise<T> {
  const address = temporalAddress(config);
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: '5 seconds' });
  } catch (err) {
    throw new Error(`cannot reach Temporal at ${address} (${(err as Error).message}); start it with "npm start" or set TEMPORAL_ADDRESS`);
  }
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const plans = new PlanStore(new ContentStore(join(config.DONDOC_DATA_DIR)));
    return await fn({ client, plans, taskQueue: config.DONDOC_TASK_QUEUE });
  } finally {
    await connection.close();
  }
}
