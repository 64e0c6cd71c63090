/**
 * The production topology of docker-compose.yml, without containers: one Temporal dev server, one real
 * PostgreSQL (Debian's, started here), two `dondoc worker` processes and two `dondoc web` processes, all
 * sharing the data directory's content store as the compose volume does, and a real SMTP catcher.
 *
 * One worker is killed (SIGKILL) in the middle of the cycle and one web replica after a staff login. Then:
 * nothing lost (both submissions, every reminder), no email twice (counted by Message-ID), the login works
 * on the other replica, and the delivery log in PostgreSQL accounts for every message caught.
 *
 * Business time starts seconds before the 04/06 reminders (a clock offset), as in restart.test.ts; the kill
 * happens at a quiet moment (receipts out, reminders not yet due), so a task the dead worker held only
 * waits for its timeout. No assertion depends on how long anything took.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/calendar/isoDate.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { dispatchList } from '../../src/directory/resolve.js';
import type { Plan } from '../../src/plan/schema.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { PlanStore } from '../../src/storage/planStore.js';
import { signLink } from '../../src/web/links.js';
import { submissionsQuery } from '../../workflows/agencyReportWorkflow.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres.js';
import { waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';
import { freePort } from '../support/ports.js';

const missing = postgresMissing();
if (missing) console.warn(`skipped: ${missing}`);

const LINK_SECRET = 'topology-test-secret-topology-test-secret';
const STAFF = { user: 'thuongtruc', password: 'mat-khau-thu-nghiem-2026' };
const PERIOD = '2026-H1';
const PLAN = 'son-la-37-ct-tw-2024';
const SUBMIT_BEFORE = 'bao-son-la';
const SUBMIT_AFTER = 'tinh-doan';
const AGENCIES = [
  'bao-son-la',
  'so-tai-chinh',
  'so-giao-duc-va-dao-tao',
  'so-nong-nghiep-va-moi-truong',
  'so-khoa-hoc-va-cong-nghe',
  'dai-phat-thanh-truyen-hinh-tinh',
  'cac-co-quan-bao-chi-tren-dia-ban-tinh',
  'tinh-doan',
  'ubnd-cac-xa-phuong',
];

interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
}

describe.skipIf(missing)('the compose topology without containers: 2 workers, 2 web replicas, PostgreSQL, one Temporal', () => {
  let rig: Rig;
  let pg: TestPostgres;
  let db: Database;
  let plan: Plan;
  const procs: Proc[] = [];
  const taskQueue = uniqueTaskQueue('topology');
  let env: NodeJS.ProcessEnv;

  const spawnDondoc = (name: string, args: string[], extra: NodeJS.ProcessEnv = {}): Proc => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'dondoc.mjs'), ...args], { cwd: projectRoot, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const p = { name, child, output: () => out };
    procs.push(p);
    return p;
  };
  const kill = async (p: Proc) => {
    p.child.kill('SIGKILL');
    if (p.child.exitCode === null && p.child.signalCode === null) await new Promise((r) => p.child.once('exit', r));
  };
  const waitFor = async <T>(what: string, fn: () => Promise<T | null | undefined | false>, attempts = 600): Promise<T> => {
    for (let i = 0; i < attempts; i++) {
      const v = await fn().catch(() => null);
      if (v) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seen = rig.catcher.messages().map((m) => `${m.headers['x-dondoc-kind']}:${m.headers['x-dondoc-agency']}`);
    throw new Error(`${what}: not reached; mail so far: ${seen.join(' ')}\n${procs.map((p) => `--- ${p.name}\n${p.output().slice(-2000)}`).join('\n')}`);
  };

  beforeAll(async () => {
    [rig, pg] = await Promise.all([startRig('dev-server'), startPostgres()]);
    plan = await loadSeedPlan(PLAN);
    env = {
      ...process.env,
      TEMPORAL_ADDRESS: rig.env.address,
      DATABASE_URL: pg.url,
      SMTP_URL: rig.catcher.url,
      DONDOC_DATA_DIR: rig.dataDir,
      DONDOC_TASK_QUEUE: taskQueue,
      LINK_SECRET,
      NODE_ENV: 'production',
      // No sticky cache: a dead worker holds no workflow, its tasks go to the other at once.
      DONDOC_WORKFLOW_CACHE_SIZE: '0',
    };
    // The staff account, through the CLI, into PostgreSQL (migrating it on the way).
    const add = spawnSync(process.execPath, [join(projectRoot, 'bin', 'dondoc.mjs'), 'user', 'add', STAFF.user, '--role', 'officer'], {
      cwd: projectRoot,
      env: { ...env, DONDOC_USER_PASSWORD: STAFF.password },
      encoding: 'utf8',
    });
    expect(add.stderr + add.stdout).toContain(`✓ ${STAFF.user} (officer)`);
    db = await openDatabase({ url: pg.url });
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await db?.close();
    await rig?.close();
    await pg?.stop();
  });

  it('kills a worker mid-cycle and a web replica after a login: nothing lost, no email twice, the login holds on the other replica', { timeout: 600_000 }, async () => {
    const ports = [await freePort(), await freePort()];
    const webs = ports.map((port, i) => spawnDondoc(`web-${i + 1}`, ['web'], { WEB_PORT: String(port), WEB_HOST: '127.0.0.1' }));
    const base = ports.map((p) => `http://127.0.0.1:${p}`);
    // A web with no worker anywhere is alive but not ready, and says why.
    await waitFor('web alive', async () => (await fetch(`${base[0]}/healthz`)).status === 200);
    const notReady = await fetch(`${base[0]}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      ready: false,
      checks: { temporal: { ok: true }, database: { ok: true }, worker: { ok: false, detail: `no worker polls task queue ${taskQueue}` } },
    });
    const workers = [spawnDondoc('worker-1', ['worker']), spawnDondoc('worker-2', ['worker'])];
    // Both replicas ready: Temporal reachable, a worker polling, PostgreSQL answering.
    for (const b of base) await waitFor(`${b}/readyz`, async () => (await fetch(`${b}/readyz`)).status === 200);

    const planRef = await new PlanStore(new ContentStore(rig.dataDir)).put(plan);
    const clockOffsetMs = Date.parse('2026-06-04T07:59:20+07:00') - Date.now();
    await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, PERIOD, SUBMIT_BEFORE), 600);

    const mails = () => rig.catcher.messages();
    const of = (agencyId: string, kind: string) => mails().filter((m) => m.headers['x-dondoc-agency'] === agencyId && m.headers['x-dondoc-kind'] === kind);
    const submitThrough = async (webBase: string, agencyId: string) => {
      const token = signLink({ planId: plan.id, period: PERIOD, agencyId, exp: Math.floor(Date.now() / 1000) + 86_400 }, LINK_SECRET);
      const taskIds = plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(agencyId)).map((t) => t.id);
      const res = await fetch(`${webBase}/api/links/${token}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sampleSubmission(plan, PERIOD, agencyId, taskIds, false)),
      });
      return { status: res.status, body: (await res.json()) as { revision?: number } };
    };

    // Before the kills: a submission through replica 1, its receipt out.
    const before = await submitThrough(base[0]!, SUBMIT_BEFORE);
    expect(before).toMatchObject({ status: 200, body: { revision: 1 } });
    await waitFor('receipt before', async () => of(SUBMIT_BEFORE, 'receipt').length === 1);
    // The dispatch activity is done (one email per agency answering that day): the kill does not cut it short.
    const dispatched = dispatchList(plan, dayOf(Date.now() + clockOffsetMs)).map((d) => d.agencyId);
    await waitFor('dispatch', async () => dispatched.every((a) => of(a, 'dispatch').length >= 1));
    // …and no activity in flight: a kill between the relay's answer and its record in the delivery log would
    // (by design) send that message once more with the same Message-ID.
    const pending = async (id: string) => (await rig.env.client.workflow.getHandle(id).describe()).raw.pendingActivities?.length ?? 0;
    await waitFor('quiet', async () => (await pending(planWorkflowId(plan.id))) + (await pending(reportWorkflowId(plan.id, PERIOD, SUBMIT_BEFORE))) === 0);

    // A staff login on replica 1.
    const loginPage = await fetch(`${base[0]}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
    const csrfCookie = loginPage.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const login = await fetch(`${base[0]}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: STAFF.user, password: STAFF.password, _csrf: csrf, next: '/' }),
    });
    expect(login.status).toBe(303);
    const session = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c!.startsWith('dondoc_session='))!;
    const dashboard = (b: string) => fetch(`${b}/`, { redirect: 'manual', headers: { cookie: session } });

    const killedAt = { mails: mails().length, business: DateTime.fromMillis(Date.now() + clockOffsetMs, { zone: 'Asia/Ho_Chi_Minh' }).toFormat('dd/MM/yyyy HH:mm:ss') };
    await kill(workers[0]!);
    await kill(webs[0]!);

    // The login, made on replica 1, works on replica 2 after replica 1 died.
    const onOther = await dashboard(base[1]!);
    expect(onOther.status).toBe(200);
    expect(await onOther.text()).toContain(STAFF.user);
    expect((await fetch(`${base[1]}/`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${base[1]}/readyz`)).status).toBe(200);

    // The 04/06 reminders fall due with one worker left; then a submission through replica 2.
    const reminded = AGENCIES.filter((a) => a !== SUBMIT_BEFORE);
    await waitFor('reminders after the kill', async () => reminded.every((a) => of(a, 'reminder').length >= 1));
    const after = await submitThrough(base[1]!, SUBMIT_AFTER);
    expect(after).toMatchObject({ status: 200, body: { revision: 1 } });
    await waitFor('receipt after', async () => of(SUBMIT_AFTER, 'receipt').length === 1);

    // Nothing lost: both submissions recorded by Temporal, each agency reminded once, on 04/06.
    const recorded = async (agencyId: string) =>
      (await rig.env.client.workflow.getHandle(reportWorkflowId(plan.id, PERIOD, agencyId)).query(submissionsQuery)).map((s) => s.revision);
    expect(await recorded(SUBMIT_BEFORE)).toEqual([1]);
    expect(await recorded(SUBMIT_AFTER)).toEqual([1]);
    for (const a of reminded) expect(of(a, 'reminder').map((m) => dayOf(m.date))).toEqual(['2026-06-04']);
    expect(of(SUBMIT_BEFORE, 'reminder')).toEqual([]);

    // No email twice: every Message-ID once; and each is in the delivery log in PostgreSQL, accepted.
    const ids = mails().map((m) => m.messageId);
    const distinct = new Set(ids);
    expect(distinct.size).toBe(ids.length);
    const rows = await db.sql.query<{ message_id: string; state: string }>('SELECT message_id, state FROM deliveries');
    const accepted = new Set(rows.filter((r) => r.state === 'accepted').map((r) => r.message_id));
    expect([...distinct].filter((id) => !accepted.has(id))).toEqual([]);
    const audit = await db.audit.recent(10);
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toContain(`${STAFF.user} login`);

    const byKind: Record<string, number> = {};
    for (const m of mails()) byKind[m.headers['x-dondoc-kind'] ?? '?'] = (byKind[m.headers['x-dondoc-kind'] ?? '?'] ?? 0) + 1;
    console.log(
      [
        'topology: 1 Temporal dev server, 1 PostgreSQL, 2 workers, 2 web replicas',
        `killed (SIGKILL): ${workers[0]!.name} (pid ${workers[0]!.child.pid}) and ${webs[0]!.name} (pid ${webs[0]!.child.pid}) at business time ${killedAt.business}, after ${killedAt.mails} emails`,
        `submissions before the kills: ${SUBMIT_BEFORE} revision ${before.body.revision} (through ${webs[0]!.name}); after: ${SUBMIT_AFTER} revision ${after.body.revision} (through ${webs[1]!.name})`,
        `submissions recorded: ${SUBMIT_BEFORE} ${JSON.stringify(await recorded(SUBMIT_BEFORE))}, ${SUBMIT_AFTER} ${JSON.stringify(await recorded(SUBMIT_AFTER))}`,
        `emails: ${ids.length} caught, ${distinct.size} distinct Message-IDs, ${accepted.size} accepted in the delivery log; by kind ${JSON.stringify(byKind)}`,
        `login made on ${webs[0]!.name}, dashboard on ${webs[1]!.name} after the kill: ${onOther.status}`,
      ].join('\n'),
    );
  });
});
