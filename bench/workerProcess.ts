/**
 * One worker in its own process, so that its memory (RSS) and CPU profile are its own: `dondoc` runs
 * dondoc's workflows and activities exactly as `dondoc worker` does; `baseline` runs the bench's baseline
 * workflows (bench/workflows). Driven over IPC by the bench: `status` answers memory and cache figures,
 * `stop` shuts the worker down and exits (writing the CPU profile when started with --cpu-prof).
 */
import { createRequire } from 'node:module';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { createDondocWorker } from '../worker/createWorker.js';
import type { BaselineActivities } from './workflows/index.js';

export interface WorkerProcessConfig {
  kind: 'dondoc' | 'baseline';
  address: string;
  taskQueue: string;
  dataDir: string;
  smtpUrl: string;
  maxCachedWorkflows: number;
  /** Extra worker options (e.g. `{ reuseV8Context: false }`), for both kinds. */
  workerOptions?: { reuseV8Context?: boolean; workflowThreadPoolSize?: number; debugMode?: boolean; maxConcurrentWorkflowTaskExecutions?: number };
  /** The workflow bundle the bench built once for this kind (bench/devRig.ts); absent: bundled here. */
  bundlePath?: string;
  /** The message the baseline activity sends (a dondoc reminder caught earlier in the run). */
  mail?: { subject: string; text: string; html: string };
}

export type WorkerStatusMessage = { type: 'ready' } | { type: 'status'; rss: number; heapUsed: number; cached: number };

const require = createRequire(import.meta.url);
const config = JSON.parse(process.env.BENCH_WORKER ?? '{}') as WorkerProcessConfig;
installRuntimeLogging();

const connection = await NativeConnection.connect({ address: config.address });
const clientConnection = await Connection.connect({ address: config.address });
const client = new Client({ connection: clientConnection });
let worker: Worker;
if (config.kind === 'dondoc') {
  worker = (
    await createDondocWorker({
      connection,
      client,
      taskQueue: config.taskQueue,
      dataDir: config.dataDir,
      smtpUrl: config.smtpUrl,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'bench-secret-bench-secret-bench-secret-01',
      ...(config.bundlePath ? { workflowBundle: { codePath: config.bundlePath } } : {}),
      options: { maxCachedWorkflows: config.maxCachedWorkflows, ...config.workerOptions },
    })
  ).worker;
} else {
  // As dondoc's Mailer: one transport, one connection per message.
  const transport = nodemailer.createTransport(config.smtpUrl);
  const mail = config.mail ?? { subject: 'bench', text: 'bench', html: '<p>bench</p>' };
  const activities: BaselineActivities = {
    async sendOne({ key, at }) {
      await transport.sendMail({
        from: 'bench@example.gov.vn',
        to: 'daumoi@example.gov.vn',
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        date: new Date(at),
        headers: { 'X-Dondoc-Key': key },
      });
    },
  };
  worker = await Worker.create({
    connection,
    taskQueue: config.taskQueue,
    workflowBundle: config.bundlePath
      ? { codePath: config.bundlePath }
      : await bundleWorkflowCode({
          workflowsPath: require.resolve('./workflows/index.ts'),
          logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
        }),
    activities,
    maxCachedWorkflows: config.maxCachedWorkflows,
    ...config.workerOptions,
  });
}

process.on('message', (msg: { cmd: 'status' | 'stop' }) => {
  if (msg.cmd === 'status') {
    const m = process.memoryUsage();
    process.send?.({ type: 'status', rss: m.rss, heapUsed: m.heapUsed, cached: worker.getStatus().numCachedWorkflows } satisfies WorkerStatusMessage);
  } else if (msg.cmd === 'stop') worker.shutdown();
});
const running = worker.run();
process.send?.({ type: 'ready' } satisfies WorkerStatusMessage);
try {
  await running;
} finally {
  await connection.close();
  await clientConnection.close();
}
process.exit(0);
