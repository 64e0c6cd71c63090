/**
 * Worker entry point for deployments with their own Temporal server or cluster (docker-compose.yml):
 * `node --import tsx worker/main.ts`. Reads configuration once; fails fast on a bad setting.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../src/config.js';
import { temporalAddress } from '../src/runtime/connect.js';
import { createDondocWorker } from './createWorker.js';

const config = loadConfig();
if (!config.SMTP_URL) throw new Error('SMTP_URL is required for a standalone worker');
const connection = await NativeConnection.connect({ address: temporalAddress(config) });
const clientConnection = await Connection.connect({ address: temporalAddress(config) });
try {
  const { worker } = await createDondocWorker({
    connection,
    client: new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.DONDOC_TASK_QUEUE,
    dataDir: config.DONDOC_DATA_DIR,
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    linkSecret: config.LINK_SECRET,
    linkValidityDays: config.LINK_VALIDITY_DAYS,
    options: config.DONDOC_WORKFLOW_CACHE_SIZE === undefined ? {} : { maxCachedWorkflows: config.DONDOC_WORKFLOW_CACHE_SIZE },
  });
  await worker.run();
} finally {
  await connection.close();
  await clientConnection.close();
}
