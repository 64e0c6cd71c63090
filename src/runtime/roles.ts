/**
 * The two roles of a deployment, each opened under a Lifecycle (every part closed on the way out):
 * - the worker: polls the task queue, runs workflows and activities, sends mail;
 * - the web: the dashboard, the portal and the API. It runs no worker and starts no plan; it lists the
 *   plans that run (Temporal visibility) and refreshes that list every minute.
 * `dondoc start` runs both in one process beside the embedded dev server, mail catcher and database.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDondocWorker, type WorkerSetup } from '../../worker/createWorker.js';
import { planStateQuery } from '../../workflows/planWorkflow.js';
import { digestTiming, type Config } from '../config.js';
import { databaseTarget, openDatabase, type Database } from '../db/index.js';
import type { MailboxRepository } from '../db/mailbox.js';
import type { MailCatcher } from '../mail/catcher.js';
import type { Plan } from '../plan/schema.js';
import type { Ops } from '../service/operations.js';
import { ContentStore } from '../storage/contentStore.js';
import { PlanStore } from '../storage/planStore.js';
import { DirectorySource } from '../directory/source.js';
import { StaffDirectory, type StaffUser } from '../web/auth.js';
import { buildServer, type WebOptions } from '../web/server.js';
import { temporalConnectionOptions } from './connect.js';
import type { Lifecycle } from './lifecycle.js';
import { lockDataDir } from './lock.js';
import { readinessChecks } from './readiness.js';
import { describeWorker, smtpTuning, workerTuning } from './tuning.js';

/** The database the configuration names; the embedded one takes the data directory's lock first. */
export async function openConfiguredDatabase(life: Lifecycle, config: Config, role: string, opts: { locked?: boolean } = {}): Promise<Database> {
  if (!config.DATABASE_URL && !opts.locked) {
    const lock = lockDataDir(config.DONDOC_DATA_DIR, role);
    life.onStop('data directory lock', () => lock.release());
  }
  const target = databaseTarget(config);
  let db: Database;
  try {
    db = await openDatabase(target, { legacyDataDir: config.DONDOC_DATA_DIR });
  } catch (err) {
    throw new Error(`database ${'url' in target ? redactUrl(target.url) : 'dir' in target ? target.dir : '(memory)'}: ${(err as Error).message}`);
  }
  life.onStop('database', () => db.close());
  const { migrations, imported } = db.opened;
  if (migrations.length) process.stderr.write(`dondoc ${role}: database migrated (${migrations.join(', ')})\n`);
  for (const [name, rows] of Object.entries(imported)) process.stderr.write(`dondoc ${role}: imported ${rows} row(s) from ${name} into the database\n`);
  return db;
}

const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function connectClient(life: Lifecycle, config: Config, address?: string): Promise<Client> {
  const connection = await Connection.connect({ ...temporalConnectionOptions(config, address), connectTimeout: '10 seconds' }).catch((err: Error) => {
    throw new Error(`cannot reach Temporal at ${address ?? config.TEMPORAL_ADDRESS ?? '?'} (${err.message})`);
  });
  life.onStop('Temporal client', () => connection.close());
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** `extraActivities`: more activities beside dondoc's (a test's script steps). */
export async function startWorkerRole(
  life: Lifecycle,
  config: Config,
  parts: { client: Client; db: Database; address: string; smtpUrl: string } & Pick<WorkerSetup, 'extraActivities'>,
) {
  const connection = await NativeConnection.connect(temporalConnectionOptions(config, parts.address));
  life.onStop('worker connection', () => connection.close());
  const { worker, deps } = await createDondocWorker({
    connection,
    client: parts.client,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.DONDOC_TASK_QUEUE,
    dataDir: config.DONDOC_DATA_DIR,
    calendarDir: config.DONDOC_CALENDAR_DIR,
    smtpUrl: parts.smtpUrl,
    mailFrom: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    linkSecret: config.LINK_SECRET,
    linkValidityDays: config.LINK_VALIDITY_DAYS,
    deliveries: parts.db.deliveries,
    directory: directorySourceOf(parts.db),
    smtp: smtpTuning(config),
    digest: digestTiming(config),
    proofAcceptedAfterMs: config.DONDOC_PROOF_ACCEPTED_HOURS === 'none' ? null : config.DONDOC_PROOF_ACCEPTED_HOURS * 3_600_000,
    options: workerTuning(config),
    extraActivities: parts.extraActivities,
  });
  // What the worker was built with (its compiled options, not the settings read): the same line for every entry point.
  process.stderr.write(`dondoc ${life.name}: ${describeWorker(worker.options, config)}\n`);
  life.onStop('mailer', () => deps.mailer.close());
  const running = worker.run();
  life.onStop('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => {});
  });
  life.watch('the worker', running);
  return { worker, deps, running };
}

/** One directory cache per database (a process running both roles shares it, so an edit in the web reaches its worker at once). */
const directorySources = new WeakMap<Database, DirectorySource>();
export function directorySourceOf(db: Database): DirectorySource {
  let s = directorySources.get(db);
  if (!s) directorySources.set(db, (s = new DirectorySource(() => db.directory.snapshot())));
  return s;
}

/** The plans that run on this task queue, read from Temporal (their plan workflows' current versions). */
export async function runningPlans(ops: Ops): Promise<Plan[]> {
  const out: Plan[] = [];
  for await (const wf of ops.client.workflow.list({
    query: `WorkflowType = 'planWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${ops.taskQueue.replace(/'/g, '')}'`,
  })) {
    const state = await ops.client.workflow
      .getHandle(wf.workflowId)
      .query(planStateQuery)
      .catch(() => null);
    const plan = state && (await ops.plans.get(state.planRef).catch(() => null));
    if (plan) out.push(plan);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export async function startWebRole(
  life: Lifecycle,
  config: Config,
  parts: {
    client: Client;
    db: Database;
    plans?: () => Plan[];
    extraStaff?: StaffUser[];
    catcher?: MailCatcher;
    mailbox?: MailboxRepository;
    temporalUiUrl?: string;
    now?: WebOptions['now'];
  },
) {
  const directory = directorySourceOf(parts.db);
  const ops: Ops = { client: parts.client, plans: new PlanStore(new ContentStore(config.DONDOC_DATA_DIR), directory), taskQueue: config.DONDOC_TASK_QUEUE };
  await directory.get().catch(() => {});
  let plans = parts.plans;
  if (!plans) {
    let list: Plan[] = await runningPlans(ops).catch(() => []);
    const refresh = setInterval(
      () =>
        void runningPlans(ops).then(
          (l) => (list = l),
          () => {},
        ),
      60_000,
    );
    life.onStop('plan list refresh', () => clearInterval(refresh));
    plans = () => list;
  }
  const web = buildServer({
    ops,
    plans,
    catcher: parts.catcher,
    mailbox: parts.mailbox,
    linkSecret: config.LINK_SECRET,
    temporalUiUrl: parts.temporalUiUrl,
    staff: new StaffDirectory(parts.db.users, parts.extraStaff),
    apiToken: config.DONDOC_API_TOKEN,
    dataDir: config.DONDOC_DATA_DIR,
    secureCookies: config.PUBLIC_URL.startsWith('https:'),
    hsts: config.PUBLIC_URL.startsWith('https:'),
    publicUrl: config.PUBLIC_URL,
    // One origin per province: its web answers on its PUBLIC_URL's host only.
    ...(config.DONDOC_PROVINCE ? { onlyHost: new URL(config.PUBLIC_URL).host } : {}),
    linkValidityDays: config.LINK_VALIDITY_DAYS,
    db: parts.db,
    directory,
    now: parts.now,
    readiness: readinessChecks({ client: parts.client, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.DONDOC_TASK_QUEUE, db: parts.db }),
  });
  try {
    await web.listen({ port: config.WEB_PORT, host: config.WEB_HOST });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `port ${config.WEB_PORT} on ${config.WEB_HOST} is in use (WEB_PORT)` : `web: ${(err as Error).message}`);
  }
  life.onStop('web', () => web.close());
  return { web, ops };
}
