import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Command } from 'commander';
import { installRuntimeLogging } from '../../runtime/logging.js';
import { loadConfig } from '../../config.js';
import { startMailCatcher, type MailCatcher } from '../../mail/catcher.js';
import { loadPlanOrThrow } from '../../plan/load.js';
import type { Plan } from '../../plan/schema.js';
import { startDevServer, type DevServer } from '../../runtime/devServer.js';
import { projectRoot } from '../../runtime/tools.js';
import { startPlan } from '../../service/operations.js';
import { randomBytes } from 'node:crypto';
import { hashPassword, readUsers, StaffDirectory, usersFile, type StaffUser } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { createDondocWorker } from '../../../worker/createWorker.js';
import { printLines } from '../output.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .option('--plans <dir>', 'directory of plan files to start', join(projectRoot, 'plans'))
    .description('everything up: Temporal dev server, worker, web, mail catcher; the seed plans started')
    .action(async (opts: { plans: string }) => {
      installRuntimeLogging();
      const config = loadConfig();
      let server: DevServer | undefined;
      let catcher: MailCatcher | undefined;
      const stops: (() => Promise<unknown>)[] = [];
      const shutdown = async () => {
        for (const stop of stops.reverse()) await stop().catch(() => {});
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());

      if (!config.TEMPORAL_ADDRESS) {
        // Web UI 1000 above the gRPC port (8233 by default), so a second instance on other ports does not collide.
        server = await startDevServer({ dataDir: config.DONDOC_DATA_DIR, port: config.TEMPORAL_DEV_PORT, uiPort: config.TEMPORAL_DEV_PORT + 1000, namespace: config.TEMPORAL_NAMESPACE });
        stops.push(() => server!.stop());
      }
      const address = config.TEMPORAL_ADDRESS ?? server!.address;
      if (!config.SMTP_URL) {
        catcher = await startMailCatcher({ port: config.MAIL_CATCHER_PORT });
        stops.push(() => catcher!.close());
      }
      const smtpUrl = config.SMTP_URL ?? catcher!.url;

      const connection = await Connection.connect({ address });
      stops.push(() => connection.close());
      const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
      const nativeConnection = await NativeConnection.connect({ address });
      const { worker, deps } = await createDondocWorker({
        connection: nativeConnection,
        client,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.DONDOC_TASK_QUEUE,
        dataDir: config.DONDOC_DATA_DIR,
        smtpUrl,
        mailFrom: config.MAIL_FROM,
        publicUrl: config.PUBLIC_URL,
        linkSecret: config.LINK_SECRET,
        linkValidityDays: config.LINK_VALIDITY_DAYS,
      });
      const running = worker.run();
      stops.push(async () => {
        worker.shutdown();
        await running;
        await nativeConnection.close();
      });

      const ops = { client, plans: deps.plans, taskQueue: config.DONDOC_TASK_QUEUE };
      const files = (await readdir(opts.plans)).filter((f) => /\.ya?ml$/.test(f)).sort();
      const plans: Plan[] = [];
      for (const f of files) {
        const plan = await loadPlanOrThrow(join(opts.plans, f));
        const r = await startPlan(ops, plan);
        plans.push(plan);
        printLines([`  ${r.started ? 'khởi chạy' : r.amended ? 'cập nhật ' : 'đang chạy'}  ${r.workflowId}`]);
      }

      // Staff accounts come from the users file (`dondoc user add`). In development with none yet, an
      // in-memory account `dev` with a fresh password printed below, so a new checkout can log in at once.
      const users = usersFile(config.DONDOC_DATA_DIR);
      const devPassword = process.env.NODE_ENV !== 'production' && (await readUsers(users)).length === 0 ? randomBytes(9).toString('base64url') : null;
      const extra: StaffUser[] = devPassword ? [{ name: 'dev', hash: await hashPassword(devPassword), createdAt: new Date().toISOString() }] : [];
      const web = buildServer({
        ops,
        plans: () => plans,
        catcher,
        linkSecret: config.LINK_SECRET,
        temporalUiUrl: server?.uiUrl,
        staff: new StaffDirectory(users, extra),
        apiToken: config.DONDOC_API_TOKEN,
        dataDir: config.DONDOC_DATA_DIR,
        secureCookies: config.PUBLIC_URL.startsWith('https:'),
        hsts: config.PUBLIC_URL.startsWith('https:'),
      });
      await web.listen({ port: config.WEB_PORT, host: '127.0.0.1' });
      stops.push(() => web.close());
      printLines([
        '',
        'dondoc đang chạy / is running:',
        `  Web:              http://127.0.0.1:${config.WEB_PORT}/  (cổng nộp báo cáo: ${config.PUBLIC_URL}/nop/…)`,
        devPassword
          ? `  Tài khoản thử nghiệm / dev login: dev / ${devPassword}  (chỉ khi chưa có tài khoản nào; thêm bằng \`dondoc user add <tên>\`)`
          : `  Tài khoản / staff accounts: ${users}`,
        `  Temporal:         ${address}${server ? ` (Web UI ${server.uiUrl})` : ''}`,
        `  Hộp thư thử nghiệm: ${catcher ? `http://127.0.0.1:${config.WEB_PORT}/mail (SMTP ${catcher.url})` : `SMTP ${smtpUrl}`}`,
        'Ctrl+C để dừng / to stop.',
      ]);
      await running;
    });
}
