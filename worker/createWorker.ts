/**
 * Building a worker: the activities from their dependencies, the workflows from `workflows/index.ts`.
 * Used by the worker entry point, `dondoc start`, `dondoc simulate` and the tests.
 */
import { createRequire } from 'node:module';
import { NativeConnection, Worker, type WorkerOptions, bundleWorkflowCode, type WorkflowBundleOption, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities/index.js';
import { calendarDirectory, useCalendarDirectory } from '../src/calendar/announcementDir.js';
import { memoryDeliveries, type DeliveryLog } from '../src/db/deliveries.js';
import { Mailer, type MailerOptions } from '../src/mail/mailer.js';
import { DEFAULT_PROOF_ACCEPTED_AFTER_MS } from '../src/mail/proofGate.js';
import { ContentStore } from '../src/storage/contentStore.js';
import type { DirectorySource } from '../src/directory/source.js';
import { PlanStore } from '../src/storage/planStore.js';
import type { DigestTiming } from '../src/reporting/leaderDigest.js';

const require = createRequire(import.meta.url);
export const workflowsPath = require.resolve('../workflows/index.ts');

export interface WorkerSetup {
  connection: NativeConnection;
  /** Client the activities use to start cycle workflows. */
  client: Client;
  namespace?: string;
  taskQueue: string;
  dataDir: string;
  smtpUrl: string;
  mailFrom: string;
  publicUrl: string;
  linkSecret: string;
  linkValidityDays?: number;
  /** How long a notice may stay undelivered before the agency's status says so (ms). */
  deliveryBudgetMs?: number;
  /** Longest wait between two delivery attempts (ms). */
  deliveryRetryCapMs?: number;
  /**
   * The delivery log the mailer decides by (the database's). Absent: one in this process's memory, for
   * runs that keep nothing and run alone (`dondoc simulate`, workflow tests).
   */
  deliveries?: DeliveryLog;
  /** The agency directory laid over every plan the activities load; absent: the plan files alone. */
  directory?: DirectorySource;
  /** The leader's digest timing (config DONDOC_DIGEST_*); absent: 08:00, quiet 18:00–07:00, news. */
  digest?: DigestTiming;
  /** Directory of announced calendars (config DONDOC_CALENDAR_DIR); absent: DONDOC_CALENDAR_DIR or `<dataDir>/calendar`. */
  calendarDir?: string;
  /** SMTP timeouts and pool (config SMTP_*); absent: the mailer's defaults. */
  smtp?: Pick<MailerOptions, 'timeouts' | 'pool' | 'bounceDomain'>;
  /** Proof of notice: an accepted notice counts as delivered after this long without a bounce (ms); null: only reported deliveries and opens. Default 24 h. */
  proofAcceptedAfterMs?: number | null;
  /** A prebuilt bundle (tests bundle once per file), or its file (`{ codePath }`, the bench's worker processes). */
  workflowBundle?: WorkflowBundleOption;
  /** More activities beside dondoc's own (the simulation script's). */
  extraActivities?: Record<string, (...args: never[]) => Promise<unknown>>;
  options?: Partial<WorkerOptions>;
}

let cachedBundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  cachedBundle ??= bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return cachedBundle;
}

const quietBundlerLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string, meta?: unknown) {
    console.warn(message, meta ?? '');
  },
  error(message: string, meta?: unknown) {
    console.error(message, meta ?? '');
  },
};

export function buildActivityDeps(
  setup: Pick<
    WorkerSetup,
    | 'dataDir'
    | 'calendarDir'
    | 'smtpUrl'
    | 'mailFrom'
    | 'publicUrl'
    | 'linkSecret'
    | 'linkValidityDays'
    | 'client'
    | 'taskQueue'
    | 'deliveries'
    | 'smtp'
    | 'deliveryBudgetMs'
    | 'deliveryRetryCapMs'
    | 'directory'
    | 'proofAcceptedAfterMs'
    | 'digest'
  >,
) {
  const storage = new ContentStore(setup.dataDir);
  // Announcement files placed in the calendar directory take effect in this worker's next schedules.
  useCalendarDirectory(setup.calendarDir ?? calendarDirectory(process.env, setup.dataDir));
  // One log for the mailer and the proof of notice: what the mailer records is what the gate reads.
  const deliveries = setup.deliveries ?? memoryDeliveries();
  return {
    storage,
    plans: new PlanStore(storage, setup.directory),
    mailer: new Mailer({ smtpUrl: setup.smtpUrl, from: setup.mailFrom, deliveries, ...setup.smtp }),
    deliveries,
    proofAcceptedAfterMs: setup.proofAcceptedAfterMs === undefined ? DEFAULT_PROOF_ACCEPTED_AFTER_MS : setup.proofAcceptedAfterMs,
    publicUrl: setup.publicUrl,
    linkSecret: setup.linkSecret,
    linkValidityDays: setup.linkValidityDays ?? 60,
    temporal: { client: setup.client, taskQueue: setup.taskQueue },
    deliveryBudgetMs: setup.deliveryBudgetMs,
    deliveryRetryCapMs: setup.deliveryRetryCapMs,
    digest: setup.digest,
  };
}

export async function createDondocWorker(setup: WorkerSetup): Promise<{ worker: Worker; deps: ReturnType<typeof buildActivityDeps> }> {
  const deps = buildActivityDeps(setup);
  const worker = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace ?? 'default',
    taskQueue: setup.taskQueue,
    workflowBundle: setup.workflowBundle ?? (await workflowBundle()),
    activities: { ...createActivities(deps), ...setup.extraActivities },
    ...setup.options,
  });
  return { worker, deps };
}
