/**
 * `dondoc start` (and `npm start`): everything on one machine in one process: the embedded Temporal dev
 * server (watched: its death stops the process loudly), the mail catcher (its messages in the database),
 * the embedded database (PGlite under the data directory, locked), a worker, the web, and the plans of
 * `plans/` started or amended. Production runs `dondoc worker` and `dondoc web` instead.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { installRuntimeLogging } from '../../runtime/logging.js';
import { loadConfig } from '../../config.js';
import { catcherAnswers, startMailCatcher } from '../../mail/catcher.js';
import { loadPlanOrThrow } from '../../plan/load.js';
import type { Plan } from '../../plan/schema.js';
import { DEFAULT_BOUNCE_SMTP_PORT, startBounceIntake } from '../../runtime/bounces.js';
import { assertPortFree, startDevServer } from '../../runtime/devServer.js';
import { runService } from '../../runtime/lifecycle.js';
import { lockDataDir } from '../../runtime/lock.js';
import { connectClient, openConfiguredDatabase, startWebRole, startWorkerRole } from '../../runtime/roles.js';
import { projectRoot } from '../../runtime/tools.js';
import { startPlan } from '../../service/operations.js';
import { seedDirectory } from '../../directory/seed.js';
import { hashPassword, type StaffUser } from '../../web/auth.js';
import { printLines } from '../output.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .option('--plans <dir>', 'directory of plan files to start', join(projectRoot, 'plans'))
    .description('everything up: Temporal dev server, worker, web, mail catcher, embedded database; the seed plans started')
    .action((opts: { plans: string }) =>
      runService('start', async (life) => {
        installRuntimeLogging();
        const config = loadConfig();
        // The dev server's SQLite file and the embedded database belong to one process.
        if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) {
          const lock = lockDataDir(config.DONDOC_DATA_DIR, 'start');
          life.onStop('data directory lock', () => lock.release());
        }
        const files = (await readdir(opts.plans)).filter((f) => /\.ya?ml$/.test(f)).sort();
        const plans: Plan[] = [];
        for (const f of files) plans.push(await loadPlanOrThrow(join(opts.plans, f)));
        await assertPortFree(config.WEB_HOST, config.WEB_PORT, 'WEB_PORT');

        const db = await openConfiguredDatabase(life, config, 'start', { locked: true });
        // First start: the directory from the seed plans and the 2025 reorganisation; later starts keep the officers' edits.
        const seeded = await db.directory.seedIfEmpty(seedDirectory(plans), { actor: 'dondoc', action: 'directory-seed' });
        if (seeded) process.stderr.write(`dondoc start: agency directory seeded with ${seeded} agencies from ${plans.length} plan(s)\n`);
        let address = config.TEMPORAL_ADDRESS;
        let uiUrl: string | undefined;
        if (!address) {
          // Web UI 1000 above the gRPC port (8233 by default), so a second instance on other ports does not collide.
          const server = await startDevServer({
            dataDir: config.DONDOC_DATA_DIR,
            port: config.TEMPORAL_DEV_PORT,
            uiPort: config.TEMPORAL_DEV_PORT + 1000,
            namespace: config.TEMPORAL_NAMESPACE,
          });
          life.onStop('Temporal dev server', () => server.stop());
          void server.exited.then(({ code, stderr }) => {
            if (!life.isStopping) void life.shutdown(1, `the Temporal dev server exited (code ${code}); stopping rather than hanging on every request:\n${stderr.slice(-1500)}`);
          });
          address = server.address;
          uiUrl = server.uiUrl;
        }
        // Bounces come back here (DSNs by SMTP, and the bounce mailbox when one is configured).
        const bounces = await startBounceIntake(life, config, db, config.DONDOC_BOUNCE_SMTP_PORT ?? DEFAULT_BOUNCE_SMTP_PORT);
        let smtpUrl = config.SMTP_URL;
        const answers = config.MAIL_CATCHER_BOUNCE ? catcherAnswers(config.MAIL_CATCHER_BOUNCE) : null;
        const catcher = smtpUrl
          ? undefined
          : await startMailCatcher({
              port: config.MAIL_CATCHER_PORT,
              store: db.mailbox,
              ...(answers && bounces.endpoint ? { bounce: { via: bounces.endpoint.url, answer: answers } } : {}),
            }).catch((err: NodeJS.ErrnoException) => {
              throw new Error(err.code === 'EADDRINUSE' ? `port ${config.MAIL_CATCHER_PORT} is in use (MAIL_CATCHER_PORT)` : `mail catcher: ${err.message}`);
            });
        if (catcher) life.onStop('mail catcher', () => catcher.close());
        smtpUrl ??= catcher!.url;

        const client = await connectClient(life, config, address);
        const { deps } = await startWorkerRole(life, config, { client, db, address, smtpUrl });
        const ops = { client, plans: deps.plans, taskQueue: config.DONDOC_TASK_QUEUE };
        for (const plan of plans) {
          const r = await startPlan(ops, plan);
          printLines([`  ${r.started ? 'khởi chạy' : r.amended ? 'cập nhật ' : 'đang chạy'}  ${r.workflowId}`]);
        }

        // Staff accounts live in the database (`dondoc user add`). In development with none yet, an in-memory
        // account `dev` with a fresh password printed below, so a new checkout can log in at once.
        const devPassword = process.env.NODE_ENV !== 'production' && (await db.users.count()) === 0 ? randomBytes(9).toString('base64url') : null;
        const extraStaff: StaffUser[] = devPassword ? [{ name: 'dev', hash: await hashPassword(devPassword), role: 'admin', createdAt: new Date().toISOString() }] : [];
        await startWebRole(life, config, { client, db, plans: () => plans, extraStaff, catcher, mailbox: catcher ? db.mailbox : undefined, temporalUiUrl: uiUrl });
        printLines([
          '',
          'dondoc đang chạy / is running:',
          // A province's web answers on its PUBLIC_URL host only (docs/deployment.md).
          `  Web:              ${config.DONDOC_PROVINCE ? `${config.PUBLIC_URL}/  (tỉnh ${config.DONDOC_PROVINCE})` : `http://${config.WEB_HOST}:${config.WEB_PORT}/`}  (cổng nộp báo cáo: ${config.PUBLIC_URL}/nop/…)`,
          devPassword
            ? `  Tài khoản thử nghiệm / dev login: dev / ${devPassword}  (chỉ khi chưa có tài khoản nào; thêm bằng \`dondoc user add <tên>\`)`
            : `  Tài khoản / staff accounts: ${await db.users.count()} (dondoc user list)`,
          `  Temporal:         ${address}${uiUrl ? ` (Web UI ${uiUrl})` : ''}`,
          `  Cơ sở dữ liệu / database: ${db.kind === 'pglite' ? `PGlite ${join(config.DONDOC_DATA_DIR, 'db')}` : 'PostgreSQL (DATABASE_URL)'}`,
          `  Hộp thư thử nghiệm: ${catcher ? `http://${config.WEB_HOST}:${config.WEB_PORT}/mail (SMTP ${catcher.url})` : `SMTP ${smtpUrl}`}`,
          `  Thư báo lỗi / bounces: SMTP ${bounces.endpoint?.url ?? '—'}${config.DONDOC_BOUNCE_DOMAIN ? ` · return path bounce+…@${config.DONDOC_BOUNCE_DOMAIN}` : ''}${bounces.imap ? ' · IMAP mailbox' : ''}`,
          'Ctrl+C để dừng / to stop.',
        ]);
      }),
    );
}
