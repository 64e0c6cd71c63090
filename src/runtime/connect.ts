/**
 * Connecting to Temporal: TEMPORAL_ADDRESS (or the dev server `dondoc start` runs), with TLS or mTLS from
 * the TEMPORAL_TLS_* settings. The same options serve the client and the worker's native connection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { Config } from '../config.js';
import { ContentStore } from '../storage/contentStore.js';
import { PlanStore } from '../storage/planStore.js';
import type { Ops } from '../service/operations.js';

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

/** The TLS settings, or false for plain TCP (the dev server). Certificate files are read here: a bad path fails start-up. */
export function temporalTls(config: Config): TLSConfig | false {
  const files = { TEMPORAL_TLS_CA_FILE: config.TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_CERT_FILE: config.TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: config.TEMPORAL_TLS_KEY_FILE };
  const on = config.TEMPORAL_TLS ?? Object.values(files).some(Boolean);
  if (!on) return false;
  const read = (name: keyof typeof files) => {
    const path = files[name];
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new Error(`invalid configuration:\n  ${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    }
  };
  const crt = read('TEMPORAL_TLS_CERT_FILE');
  const key = read('TEMPORAL_TLS_KEY_FILE');
  return {
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(files.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: read('TEMPORAL_TLS_CA_FILE') } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
  };
}

/** Address and TLS for Connection.connect and NativeConnection.connect alike. */
export const temporalConnectionOptions = (config: Config, address = temporalAddress(config)) => ({ address, tls: temporalTls(config) });

export async function withOps<T>(config: Config, fn: (ops: Ops) => Promise<T>): Promise<T> {
  const address = temporalAddress(config);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...temporalConnectionOptions(config, address), connectTimeout: '5 seconds' });
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
