/** Worker and SMTP tuning from the configuration, the same for `dondoc worker`, `dondoc start` and worker/main.ts. */
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config.js';
import type { MailerOptions } from '../mail/mailer.js';

export function workerTuning(config: Config): Partial<WorkerOptions> {
  return {
    maxConcurrentActivityTaskExecutions: config.DONDOC_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS,
    ...(config.DONDOC_WORKFLOW_CACHE_SIZE === undefined ? {} : { maxCachedWorkflows: config.DONDOC_WORKFLOW_CACHE_SIZE }),
  };
}

export function smtpTuning(config: Config): Pick<MailerOptions, 'timeouts' | 'pool' | 'bounceDomain'> {
  return {
    bounceDomain: config.DONDOC_BOUNCE_DOMAIN,
    timeouts: { connectionMs: config.SMTP_CONNECTION_TIMEOUT_MS, greetingMs: config.SMTP_GREETING_TIMEOUT_MS, socketMs: config.SMTP_SOCKET_TIMEOUT_MS },
    pool: { size: config.SMTP_POOL_SIZE, rateLimit: config.SMTP_RATE_LIMIT, rateDeltaMs: config.SMTP_RATE_DELTA_MS },
  };
}

type Slots = { type: string; numSlots?: number; maximumSlots?: number };
/** The shape of a built worker's options this line reads (`worker.options`). */
export interface BuiltWorkerOptions {
  namespace: string;
  taskQueue: string;
  maxCachedWorkflows: number;
  tuner: { workflowTaskSlotSupplier: Slots; activityTaskSlotSupplier: Slots };
}

const slots = (s: Slots) => (s.type === 'fixed-size' ? String(s.numSlots) : s.type === 'resource-based' ? `≤ ${s.maximumSlots}` : s.type);

/**
 * One start-up line from what a worker was built with, so an operator (and a test) sees the tuning that
 * took effect: `worker: namespace …, task queue …; cache 500 workflows, 8 workflow task slots, …`.
 */
export function describeWorker(
  options: BuiltWorkerOptions,
  config: Pick<Config, 'DONDOC_PROVINCE' | 'DONDOC_DB_SCHEMA' | 'SMTP_POOL_SIZE' | 'SMTP_RATE_LIMIT' | 'SMTP_RATE_DELTA_MS'>,
): string {
  const province = config.DONDOC_PROVINCE ? `, province ${config.DONDOC_PROVINCE}` : '';
  const schema = config.DONDOC_DB_SCHEMA ? `, database schema ${config.DONDOC_DB_SCHEMA}` : '';
  const rate = config.SMTP_RATE_LIMIT === undefined ? 'no rate limit' : `at most ${config.SMTP_RATE_LIMIT} messages per ${config.SMTP_RATE_DELTA_MS} ms`;
  return (
    `worker: namespace ${options.namespace}, task queue ${options.taskQueue}${province}${schema}; ` +
    `cache ${options.maxCachedWorkflows} workflows, ${slots(options.tuner.workflowTaskSlotSupplier)} workflow task slots, ${slots(options.tuner.activityTaskSlotSupplier)} activity slots; ` +
    `SMTP pool ${config.SMTP_POOL_SIZE} connections, ${rate}`
  );
}
