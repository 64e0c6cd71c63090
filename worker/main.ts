/**
 * Worker entry point for deployments with their own Temporal server or cluster:
 * `node --import tsx worker/main.ts`, the same as `dondoc worker` (src/cli/commands/roles.ts): reads the
 * configuration once, fails fast on a bad setting, stops cleanly on SIGINT and SIGTERM.
 */
import { loadConfig } from '../src/config.js';
import { temporalAddress } from '../src/runtime/connect.js';
import { runService } from '../src/runtime/lifecycle.js';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { connectClient, openConfiguredDatabase, startWorkerRole } from '../src/runtime/roles.js';

await runService('worker', async (life) => {
  installRuntimeLogging();
  const config = loadConfig();
  if (!config.SMTP_URL) throw new Error('invalid configuration:\n  SMTP_URL: required for a standalone worker');
  const address = temporalAddress(config);
  const db = await openConfiguredDatabase(life, config, 'worker');
  const client = await connectClient(life, config, address);
  await startWorkerRole(life, config, { client, db, address, smtpUrl: config.SMTP_URL });
});
