/**
 * Two provinces on one cluster (docs/deployment.md): Thái Nguyên and Sơn La, each configured only by
 * `DONDOC_PROVINCE` over the same settings (one Temporal server, one PostgreSQL database, one data volume,
 * one national LINK_SECRET), each with its own relay (a real SMTP catcher), its worker and its web built by
 * the same role functions `dondoc worker` and `dondoc web` use. Both plans run their annual 2026 cycle on the
 * time-skipping server: every agency submits (the report text carries a mark of its province), the standing
 * agency approves, the consolidated report goes out.
 *
 * Then nothing of one province is found in the other: the grids list their own agencies only (many agency ids
 * are the same in both plans: `so-tai-chinh`, `tinh-doan`, …), a link of one province is refused by the other's
 * web, the reports contain their own province's marks only, each delivery log (its own schema) holds its own
 * messages only, exactly those its relay received.
 */
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import type { Plan } from '../../src/plan/schema.js';
import { nextCycleAfter } from '../../src/reporting/cycles.js';
import { Lifecycle } from '../../src/runtime/lifecycle.js';
import { connectClient, openConfiguredDatabase, startWebRole, startWorkerRole } from '../../src/runtime/roles.js';
import { sampleSubmission, targetReporters } from '../../src/simulate/sample.js';
import { createScriptActivities, type ScriptStep } from '../../src/simulate/scriptActivities.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { addUser } from '../../src/web/auth.js';
import { signLink } from '../../src/web/links.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { freePort } from '../support/ports.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres.js';
import { runScript, waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, type Rig } from '../support/temporal.js';

const missing = postgresMissing();
if (missing) console.warn(`skipped: ${missing}`);

/** One key for the whole country, as an operator might set it: each province signs with its own derivation. */
const NATIONAL_SECRET = 'national-link-secret-national-link-secret';
const PERIOD = '2026';
const STAFF_USER = 'thuongtruc';
const staffPassword = (slug: string) => `mat-khau-${slug}-2026`;

interface Spec {
  slug: string;
  planName: string;
  /** Business time at the test server's first instant (the plan's clock offset). */
  startAt: string;
  submitAt: string;
  approveAt: string;
  endAt: string;
  /** Written into every report of the province: found in its consolidation, never in the other's. */
  mark: string;
}

// Both plans' first reminders fall at the same server instant (25 h after the start): 03/12 and 30/11, 08:00.
const SPECS: Spec[] = [
  {
    slug: 'thai-nguyen',
    planName: 'thai-nguyen-227-kh-ubnd-2021',
    startAt: '2026-12-02T07:00:00+07:00',
    submitAt: '2026-12-03T08:30:00+07:00',
    approveAt: '2026-12-03T08:50:00+07:00',
    endAt: '2026-12-03T09:00:00+07:00',
    mark: 'DẤU-TN-7F3A',
  },
  {
    slug: 'son-la',
    planName: 'son-la-37-ct-tw-2024',
    startAt: '2026-11-29T07:00:00+07:00',
    submitAt: '2026-11-30T09:30:00+07:00',
    approveAt: '2026-11-30T09:50:00+07:00',
    endAt: '2026-11-30T10:00:00+07:00',
    mark: 'DẤU-SL-9C2E',
  },
];

interface Province {
  spec: Spec;
  config: Config;
  plan: Plan;
  life: Lifecycle;
  relay: MailCatcher;
  base: string;
  host: string;
  token: string;
  clockOffsetMs: number;
  obliged: string[];
  client: Awaited<ReturnType<typeof connectClient>>;
}

/** One HTTP request with an explicit Host header (fetch does not let a caller set it). */
function call(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const get = (url: string, headers: Record<string, string> = {}) => call(url, { headers });

/** Logs in through the form of one province's web: the session cookie, or null when refused. */
async function login(base: string, host: string, user: string, password: string): Promise<string | null> {
  const page = await get(`${base}/login`, { host });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const res = await call(`${base}/login`, {
    method: 'POST',
    headers: { host, cookie: page.cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user, password, _csrf: csrf, next: '/' }).toString(),
  });
  return res.status === 303 ? (res.cookies.find((c) => c.startsWith('dondoc_session=')) ?? null) : null;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, attempts = 300): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`still waiting for ${what}`);
}

const bare = (id: string) => id.replace(/^<|>$/g, '');

describe.skipIf(missing)('two provinces on one cluster: one Temporal server, one PostgreSQL, one data volume', () => {
  let rig: Rig;
  let pgServer: TestPostgres;
  let root: string;
  let sql: pg.Client;
  const provinces: Province[] = [];
  const [tn, sl] = [() => provinces[0]!, () => provinces[1]!];

  async function startProvince(spec: Spec, serverNowMs: number): Promise<Province> {
    const relay = await startMailCatcher();
    const port = await freePort();
    const token = `api-token-${spec.slug}-`.padEnd(40, 'x');
    const config = loadConfig({
      DONDOC_PROVINCE: spec.slug,
      DONDOC_DATA_DIR: root,
      DATABASE_URL: pgServer.url,
      TEMPORAL_ADDRESS: rig.env.address,
      SMTP_URL: relay.url,
      LINK_SECRET: NATIONAL_SECRET,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEB_HOST: '127.0.0.1',
      WEB_PORT: String(port),
      DONDOC_API_TOKEN: token,
      NODE_ENV: 'test',
    });
    const life = new Lifecycle(`test ${spec.slug}`);
    const db = await openConfiguredDatabase(life, config, spec.slug);
    // The same user name in both provinces, each its own account in its own schema.
    await addUser(db.users, STAFF_USER, staffPassword(spec.slug));
    const client = await connectClient(life, config, config.TEMPORAL_ADDRESS);
    const plan = await loadSeedPlan(spec.planName);
    const clockOffsetMs = Date.parse(spec.startAt) - serverNowMs;
    const { deps } = await startWorkerRole(life, config, {
      client,
      db,
      address: config.TEMPORAL_ADDRESS!,
      smtpUrl: relay.url,
      // The simulation script's step (submit, approve at an exact business instant), on the province's own worker.
      extraActivities: createScriptActivities(client, new ContentStore(config.DONDOC_DATA_DIR)),
    });
    await startWebRole(life, config, { client, db, plans: () => [plan], now: async () => (await rig.env.currentTimeMs()) + clockOffsetMs });
    const planRef = await deps.plans.put(plan);
    await client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue: config.DONDOC_TASK_QUEUE, args: [{ planRef, clockOffsetMs }] });
    const obliged = nextCycleAfter(plan, null, spec.startAt)!.agencies.map((a) => a.agencyId);
    return { spec, config, plan, life, relay, base: config.PUBLIC_URL, host: new URL(config.PUBLIC_URL).host, token, clockOffsetMs, obliged, client };
  }

  const submissions = (p: Province): ScriptStep[] => {
    const reporters = targetReporters(p.plan, p.obliged);
    return p.obliged.map((agencyId) => {
      const taskIds = p.plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(agencyId)).map((t) => t.id);
      const payload = { ...sampleSubmission(p.plan, PERIOD, agencyId, taskIds, reporters.has(agencyId)), difficulties: `Khó khăn riêng của đơn vị (${p.spec.mark}).` };
      return { at: p.spec.submitAt, action: 'submit', planId: p.plan.id, period: PERIOD, agencyId, payload };
    });
  };

  beforeAll(async () => {
    [rig, pgServer, root] = await Promise.all([startRig(), startPostgres(), mkdtemp(join(tmpdir(), 'dondoc-provinces-'))]);
    const serverNowMs = await rig.env.currentTimeMs();
    for (const spec of SPECS) provinces.push(await startProvince(spec, serverNowMs));
    for (const p of provinces) await waitForWorkflow(p.client, reportWorkflowId(p.plan.id, PERIOD, p.obliged[0]!), 600);
    // Each province's script on its own namespace and worker, one after the other on the shared server clock.
    for (const p of provinces) {
      const steps = [...submissions(p), { at: p.spec.approveAt, action: 'approve', planId: p.plan.id, period: PERIOD } as const];
      // The time-skipping calls need the test environment's connection; the namespace is the province's.
      const skipping = new Client({ connection: rig.env.connection, namespace: p.config.TEMPORAL_NAMESPACE });
      const results = await runScript(skipping, p.config.DONDOC_TASK_QUEUE, p.clockOffsetMs, p.spec.endAt, steps);
      expect(results.filter((r) => r.outcome !== 'done')).toEqual([]);
    }
    for (const p of provinces) await until(`the consolidated report of ${p.spec.slug}`, () => p.relay.messages().some((m) => m.headers['x-dondoc-kind'] === 'consolidated'));
    sql = new pg.Client({ connectionString: pgServer.url });
    await sql.connect();
  }, 300_000);

  afterAll(async () => {
    await sql?.end();
    for (const p of provinces) {
      await p.life.closeParts();
      await p.relay.close();
    }
    await rig?.close();
    await pgServer?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('each province has its own namespace, database schema and data directory, named from DONDOC_PROVINCE alone', () => {
    expect(provinces.map((p) => [p.config.TEMPORAL_NAMESPACE, p.config.DONDOC_DB_SCHEMA, p.config.DONDOC_DATA_DIR])).toEqual([
      ['dondoc-thai-nguyen', 'province_thai_nguyen', join(root, 'provinces', 'thai-nguyen')],
      ['dondoc-son-la', 'province_son_la', join(root, 'provinces', 'son-la')],
    ]);
    expect(tn().config.LINK_SECRET).not.toBe(sl().config.LINK_SECRET);
  });

  it("each province's grid lists its own plan and agencies only; the other's web knows neither them nor its staff", async () => {
    for (const [own, other] of [
      [tn(), sl()],
      [sl(), tn()],
    ] as const) {
      const auth = { authorization: `Bearer ${own.token}`, host: own.host };
      expect(JSON.parse((await get(`${own.base}/api/plans`, auth)).body).map((p: { id: string }) => p.id)).toEqual([own.plan.id]);
      const status = JSON.parse((await get(`${own.base}/api/plans/${own.plan.id}/status?period=${PERIOD}`, auth)).body) as { cycles: { agencies: { agencyId: string }[] }[] };
      expect(status.cycles[0]!.agencies.map((a) => a.agencyId).sort()).toEqual([...own.obliged].sort());
      // The grid page, for the province's staff: every agency of the province by name, none found only in the other's plan.
      const session = await login(own.base, own.host, STAFF_USER, staffPassword(own.spec.slug));
      expect(session).not.toBeNull();
      expect(await login(other.base, other.host, STAFF_USER, staffPassword(own.spec.slug))).toBeNull();
      const page = await get(`${own.base}/plans/${own.plan.id}`, { cookie: session!, host: own.host });
      expect(page.status).toBe(200);
      const ownNames = new Set(own.plan.agencies.filter((a) => own.obliged.includes(a.id)).map((a) => a.name));
      for (const name of ownNames) expect(page.body).toContain(name);
      const foreign = other.plan.agencies.map((a) => a.name).filter((n) => !own.plan.agencies.some((a) => a.name === n));
      expect(foreign.length).toBeGreaterThan(0);
      for (const name of foreign) expect(page.body).not.toContain(name);
      // The other province's web, asked with its own token for this province's plan: not found.
      const otherAuth = { authorization: `Bearer ${other.token}`, host: other.host };
      expect((await get(`${other.base}/api/plans/${own.plan.id}/status?period=${PERIOD}`, otherAuth)).status).toBe(404);
      const otherSession = await login(other.base, other.host, STAFF_USER, staffPassword(other.spec.slug));
      expect((await get(`${other.base}/plans/${own.plan.id}`, { cookie: otherSession!, host: other.host })).status).toBe(404);
      // …and this province's token means nothing there.
      expect((await get(`${other.base}/api/plans`, { authorization: `Bearer ${own.token}`, host: other.host })).status).toBe(401);
    }
  });

  it("a province's link opens its own form only: the other province's web refuses it, and a request under the wrong host is misdirected", async () => {
    // so-tai-chinh is obliged in both plans: the same agency id, two provinces.
    for (const [own, other] of [
      [tn(), sl()],
      [sl(), tn()],
    ] as const) {
      const reminder = own.relay.messages().find((m) => m.headers['x-dondoc-kind'] === 'reminder' && m.headers['x-dondoc-agency'] === 'so-tai-chinh');
      expect(reminder, `${own.spec.slug}: a reminder to so-tai-chinh`).toBeDefined();
      const link = new URL(/https?:\/\/[^\s"<>]+\/nop\/[A-Za-z0-9_.-]+/.exec(reminder!.text)![0]);
      expect(link.host).toBe(own.host);
      const opened = await get(link.href, { host: own.host });
      expect(opened.status).toBe(200);
      expect(opened.body).toContain(own.plan.document.title.slice(0, 40));
      expect((await get(`${other.base}${link.pathname}`, { host: other.host })).status).toBe(403);
      // The other province's web under this province's name (a wrong proxy rule): 421, nothing served.
      expect((await get(`${other.base}${link.pathname}`, { host: own.host })).status).toBe(421);
    }
    // A token signed with the national key itself is no province's.
    const scope = { planId: tn().plan.id, period: PERIOD, agencyId: 'so-tai-chinh', exp: Math.floor(Date.now() / 1000) + 365 * 86_400 };
    expect((await get(`${tn().base}/nop/${signLink(scope, NATIONAL_SECRET)}`, { host: tn().host })).status).toBe(403);
  });

  it("each province's consolidated report holds its own agencies' reports and nothing of the other's", async () => {
    for (const [own, other] of [
      [tn(), sl()],
      [sl(), tn()],
    ] as const) {
      const sent = own.relay.messages().filter((m) => m.headers['x-dondoc-kind'] === 'consolidated');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toContain(own.spec.mark);
      expect(sent[0]!.text + sent[0]!.html).not.toContain(other.spec.mark);
      const auth = { authorization: `Bearer ${own.token}`, host: own.host };
      const report = await get(`${own.base}/api/plans/${own.plan.id}/periods/${PERIOD}/report.html`, auth);
      expect(report.status).toBe(200);
      expect(report.body).toContain(own.spec.mark);
      expect(report.body).not.toContain(other.spec.mark);
      expect((await get(`${other.base}/api/plans/${own.plan.id}/periods/${PERIOD}/report.html`, { authorization: `Bearer ${other.token}`, host: other.host })).status).toBe(404);
    }
  });

  it("each delivery log, in its province's schema, holds exactly the messages its province's relay received", async () => {
    expect((await sql.query<{ t: string | null }>(`SELECT to_regclass('public.deliveries')::text AS t`)).rows[0]!.t).toBeNull();
    for (const p of provinces) {
      const schema = p.config.DONDOC_DB_SCHEMA!;
      const rows = (await sql.query<{ plan_id: string; message_id: string }>(`SELECT plan_id, message_id FROM ${schema}.deliveries`)).rows;
      expect(new Set(rows.map((r) => r.plan_id))).toEqual(new Set([p.plan.id]));
      const caught = p.relay.messages();
      expect(new Set(caught.map((m) => m.headers['x-dondoc-plan']))).toEqual(new Set([p.plan.id]));
      expect(rows.map((r) => bare(r.message_id)).sort()).toEqual(caught.map((m) => bare(m.messageId)).sort());
    }
  });
});
