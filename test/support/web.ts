/**
 * The web test rig: the Temporal rig (time-skipping server, real SMTP catcher, worker) with the Son La
 * seed plan running from a chosen business instant, the real web server on a loopback port, a staff
 * account in the users file, and Debian's Chromium driven by playwright-core (no browser download).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Plan } from '../../src/plan/schema.js';
import type { Ops } from '../../src/service/operations.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { addUser, StaffDirectory } from '../../src/web/auth.js';
import { buildServer, type WebOptions } from '../../src/web/server.js';
import { createScriptActivities } from '../../src/simulate/scriptActivities.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { waitForWorkflow } from './script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from './temporal.js';

/** The flags CI uses: headless, no sandbox (containers), nothing that reaches the network by itself. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives every launch a fresh temporary user-data-dir (and refuses one in args). */
export const launchChromium = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** The rig's link secret (test/support/temporal.ts signs reminder links with it). */
export const LINK_SECRET = 'test-secret-test-secret-test-secret-0123';
export const STAFF = { user: 'thuongtruc', password: 'mat-khau-thu-nghiem-2026' };
export const PLAN = 'son-la-37-ct-tw-2024';

export interface WebRig {
  rig: Rig;
  plan: Plan;
  ops: Ops;
  taskQueue: string;
  clockOffsetMs: number;
  baseUrl: string;
  browser: Browser;
  /** dondoc's database (PGlite in memory): staff, sessions, the worker's delivery log, the audit log. */
  db: Database;
  close(): Promise<void>;
}

/** `opts.startPlan: false`: no plan runs at first (the registration tests start their own from the browser). */
export async function startWebRig(name: string, startAt: string, web: Partial<WebOptions> = {}, opts: { startPlan?: boolean } = {}): Promise<WebRig> {
  const t0 = Date.now();
  const diag = (m: string) => process.env.DIAG && process.stderr.write(`DIAG ${m} ${Date.now() - t0}\n`);
  const rig = await startRig();
  diag('startRig');
  const plan = await loadSeedPlan(PLAN);
  const taskQueue = uniqueTaskQueue(name);
  const db = await openDatabase({ memory: true });
  // The rig's worker plus the simulation script's activity, so a test can act at an exact business instant.
  const built = await createDondocWorker({
    connection: rig.env.nativeConnection,
    client: rig.env.client,
    taskQueue,
    dataDir: rig.dataDir,
    smtpUrl: rig.catcher.url,
    mailFrom: 'dondoc@example.gov.vn',
    publicUrl: 'http://localhost:3000',
    linkSecret: LINK_SECRET,
    workflowBundle: rig.bundle,
    extraActivities: createScriptActivities(rig.env.client, new ContentStore(rig.dataDir)),
    deliveries: db.deliveries,
  });
  diag('worker built');
  const running = built.worker.run();
  const planRef = await built.deps.plans.put(plan);
  const clockOffsetMs = Date.parse(startAt) - (await rig.env.currentTimeMs());
  if (opts.startPlan !== false) {
    await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, '2026-H1', 'ubnd-cac-xa-phuong'));
    diag('workflows up');
  }
  await addUser(db.users, STAFF.user, STAFF.password);
  const ops: Ops = { client: rig.env.client, plans: built.deps.plans, taskQueue };
  const app = buildServer({
    ops,
    plans: () => [plan],
    catcher: rig.catcher,
    linkSecret: LINK_SECRET,
    staff: new StaffDirectory(db.users),
    db,
    dataDir: rig.dataDir,
    temporalUiUrl: 'http://127.0.0.1:8233/',
    // Links expire by business time, which here is the test server's clock shifted to 2026.
    now: async () => (await rig.env.currentTimeMs()) + clockOffsetMs,
    // Expected failures of a test stay out of its output; a test that wants the log passes logStream.
    logStream: { write: () => {} },
    ...web,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  diag('web listening');
  const browser = await launchChromium();
  diag('chromium');
  return {
    rig,
    plan,
    ops,
    taskQueue,
    clockOffsetMs,
    baseUrl,
    browser,
    db,
    async close() {
      await browser.close();
      await app.close();
      built.worker.shutdown();
      await running;
      built.deps.mailer.close();
      await db.close();
      await rig.close();
    },
  };
}

/** The personal link in the newest caught email of `kind` to `agencyId`, moved onto the test server's origin. */
export function linkFromEmail(web: WebRig, kind: string, agencyId: string): string {
  const mail = web.rig.catcher
    .messages()
    .filter((m) => m.headers['x-dondoc-kind'] === kind && m.headers['x-dondoc-agency'] === agencyId)
    .at(-1);
  if (!mail) throw new Error(`no ${kind} email to ${agencyId}`);
  const link = /https?:\/\/[^\s"<>]+\/nop\/[A-Za-z0-9_.-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in "${mail.subject}"`);
  return `${web.baseUrl}${new URL(link).pathname}`;
}

export async function login(page: Page, baseUrl: string, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#user', STAFF.user);
  await page.fill('#password', STAFF.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/** Screenshots for the README, written only when DONDOC_SCREENSHOTS is set (`npm run docs:screenshots`). */
export async function screenshot(page: Page, file: string): Promise<void> {
  if (process.env.DONDOC_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${file}`, fullPage: true });
}
