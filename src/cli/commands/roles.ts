/**
 * The production entry points, one role each (docker-compose.yml):
 * - `dondoc worker`: a worker on TEMPORAL_ADDRESS's task queue; mail through SMTP_URL;
 * - `dondoc web`: the web on WEB_HOST:WEB_PORT; no worker, no plan started.
 * Both use DATABASE_URL (several processes share it); without it, the embedded database under the data
 * directory, locked to one process.
 */
import type { Command } from 'commander';
import { startBounceIntake } from '../../runtime/bounces.js';
import { loadConfig } from '../../config.js';
import { runService } from '../../runtime/lifecycle.js';
import { installRuntimeLogging } from '../../runtime/logging.js';
import { connectClient, openConfiguredDatabase, startWebRole, startWorkerRole } from '../../runtime/roles.js';
import { temporalAddress } from '../../runtime/connect.js';
import { printLines } from '../output.js';

export function registerRoleCommands(program: Command): void {
  program
    .command('worker')
    .description('run a worker only (production): TEMPORAL_ADDRESS, SMTP_URL, DATABASE_URL')
    .action(() =>
      runService('worker', async (life) => {
        installRuntimeLogging();
        const config = loadConfig();
        if (!config.SMTP_URL) throw new Error('invalid configuration:\n  SMTP_URL: required for `dondoc worker` (the relay mail goes through)');
        const address = temporalAddress(config);
        const db = await openConfiguredDatabase(life, config, 'worker');
        const client = await connectClient(life, config, address);
        await startWorkerRole(life, config, { client, db, address, smtpUrl: config.SMTP_URL });
        // One bounce endpoint per machine, so only when its port is set; the mailbox reader when its URL is.
        const bounces = await startBounceIntake(life, config, db, config.DONDOC_BOUNCE_SMTP_PORT);
        printLines([
          `dondoc worker: polling ${config.DONDOC_TASK_QUEUE} on ${address} (${config.TEMPORAL_NAMESPACE}), pid ${process.pid}${bounces.endpoint ? ` · bounces ${bounces.endpoint.url}` : ''}${bounces.imap ? ' · bounce mailbox (IMAP)' : ''}`,
        ]);
      }),
    );
  program
    .command('web')
    .description('run the web only (production): binds WEB_HOST:WEB_PORT, runs no worker, starts no plan')
    .action(() =>
      runService('web', async (life) => {
        installRuntimeLogging();
        const config = loadConfig();
        const db = await openConfiguredDatabase(life, config, 'web');
        const client = await connectClient(life, config, temporalAddress(config));
        await startWebRole(life, config, { client, db });
        printLines([`dondoc web: http://${config.WEB_HOST}:${config.WEB_PORT}/ (Temporal ${temporalAddress(config)}, database ${db.kind}), pid ${process.pid}`]);
      }),
    );
}
