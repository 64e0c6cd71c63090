/**
 * Readiness (`/readyz`): Temporal answers, a worker polls dondoc's task queue, the database answers.
 * Each check has its own short deadline, so a dead dependency makes the answer 503 quickly instead of
 * the request hanging.
 */
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref())]);

export function readinessChecks(opts: { client: Client; namespace: string; taskQueue: string; db: { ping(): Promise<void> }; timeoutMs?: number }): () => Promise<Readiness> {
  const ms = opts.timeoutMs ?? 3000;
  const service = opts.client.connection.workflowService;
  const check = async (fn: () => Promise<string | undefined>) => {
    try {
      return { ok: true, detail: await within(ms, fn()) };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  };
  return async () => {
    const [temporalCheck, worker, database] = await Promise.all([
      check(async () => {
        const info = await service.getSystemInfo({});
        return `server ${info.serverVersion || '?'}`;
      }),
      check(async () => {
        const r = await service.describeTaskQueue({
          namespace: opts.namespace,
          taskQueue: { name: opts.taskQueue },
          taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        const n = r.pollers?.length ?? 0;
        if (!n) throw new Error(`no worker polls task queue ${opts.taskQueue}`);
        return `${n} poller(s) on ${opts.taskQueue}`;
      }),
      check(async () => {
        await opts.db.ping();
        return undefined;
      }),
    ]);
    const checks = { temporal: temporalCheck, worker, database };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  };
}
