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
