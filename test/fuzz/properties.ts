/**
 * The fuzz suite's properties, shared by `npm test` (test/web/fuzz.test.ts, few runs) and `npm run fuzz
 * -- --runs N` (scripts/fuzz.ts). Inputs are drawn by fast-check from a fixed seed, so a run is
 * repeatable; each property counts, instead of stopping at the first failure:
 * - 5xx: answers 500 or above (must be 0);
 * - crashes: a call that threw, a connection that broke, a renderer that failed (0);
 * - acceptedButInvalid: accepted, yet what was recorded breaks a rule an independent check applies (0);
 * - rejectedButRecorded: refused, yet the workflow's state changed (0);
 * - workflowsBroken: agency workflows no longer running (terminated or failed) at the end (0).
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { stringify } from 'yaml';
import { consolidate } from '../../src/consolidation/consolidate.js';
import { renderReport } from '../../src/consolidation/documents.js';
import { isRealIsoDate } from '../../src/edge/dates.js';
import { isXmlSafe } from '../../src/edge/text.js';
import { submissionSchema } from '../../src/edge/schemas.js';
import { parsePlan } from '../../src/plan/load.js';
import { planSchema, type Plan } from '../../src/plan/schema.js';
import { tasksOf } from '../../src/plan/normalise.js';
import { submissionProblems } from '../../src/reporting/submissionRules.js';
import type { SubmissionPayload } from '../../src/reporting/types.js';
import { agencyStatus } from '../../src/service/operations.js';
import { signLink } from '../../src/web/links.js';
import { reportWorkflowId } from '../../workflows/ids.js';
import type { ReportFixture } from '../support/reportFixture.js';
import { LINK_SECRET, type WebRig } from '../support/web.js';

export interface Counts {
  runs: number;
  '5xx': number;
  crashes: number;
  acceptedButInvalid: number;
  rejectedButRecorded: number;
  workflowsBroken: number;
  /** Not failures: how the runs were answered, to see that both sides were exercised. */
  accepted: number;
  refused: number;
  /** The first few failures, for the report. */
  examples: string[];
}

export const emptyCounts = (): Counts => ({
  runs: 0,
  '5xx': 0,
  crashes: 0,
  acceptedButInvalid: 0,
  rejectedButRecorded: 0,
  workflowsBroken: 0,
  accepted: 0,
  refused: 0,
  examples: [],
});
const note = (c: Counts, what: keyof Counts, example: string) => {
  (c[what] as number)++;
  if (c.examples.length < 10) c.examples.push(`${what}: ${example.slice(0, 300)}`);
};

/** Strings an attacker would try: forbidden XML characters, lone surrogates, bidi overrides, huge, NFD, JSON-ish. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u0000', '\u001B[31m', '\u202Ehoa-don.exe', 'Ba\u0301o ca\u0301o', '<w:t>', ']]>', '&amp;', '"}]', '%PDF', '../../x'),
  fc.integer({ min: 1, max: 60_000 }).map((n) => 'Đẩy mạnh đào tạo nghề. '.repeat(Math.ceil(n / 23)).slice(0, n)),
  fc.array(fc.constantFrom('Báo cáo', '\uFFFF', ' ', 'kết quả', '\uD83D', '\u200F', '16.000', '63,5'), { maxLength: 20 }).map((a) => a.join('')),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
const hostileValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const statusArb = fc.oneof(fc.constantFrom('chua-trien-khai', 'dang-thuc-hien', 'hoan-thanh', 'thuong-xuyen'), hostileString);

/** A submission body: often nearly right (the agency's own tasks, its period), often wrong in one or many ways. */
export function submissionArb(period: string, taskIds: readonly string[], targetIds: readonly string[]) {
  const task = fc.record(
    {
      taskId: fc.oneof(fc.constantFrom(...taskIds), hostileString),
      status: statusArb,
      progress: maybe(fc.oneof(fc.integer({ min: -10, max: 110 }), fc.constantFrom(0, 100, 30), fc.double(), hostileValue)),
      result: maybe(fc.oneof(hostileString, hostileValue)),
    },
    { requiredKeys: ['taskId', 'status'] },
  );
  const target = fc.record(
    { targetId: fc.oneof(fc.constantFrom(...targetIds), hostileString), value: fc.oneof(fc.double({ noNaN: true }), fc.integer(), hostileValue), note: maybe(hostileString) },
    { requiredKeys: ['targetId', 'value'] },
  );
  const attachment = fc.record({
    name: hostileString,
    sha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostileString),
    size: fc.oneof(fc.nat(), hostileValue),
    contentType: fc.oneof(fc.constantFrom('application/pdf', 'image/png', 'application/x-msdownload'), hostileString),
  });
  const body = fc.record(
    {
      period: fc.oneof({ weight: 4, arbitrary: fc.constant(period) }, { weight: 1, arbitrary: fc.oneof(hostileString, hostileValue) }),
      tasks: maybe(
        fc.oneof(
          { weight: 4, arbitrary: fc.array(task, { maxLength: 4 }) },
          { weight: 1, arbitrary: hostileValue },
          { weight: 1, arbitrary: fc.constant(taskIds.map((taskId) => ({ taskId, status: 'dang-thuc-hien', progress: 50, result: 'Đã thực hiện.' }))) },
        ),
      ),
      targets: maybe(fc.oneof(fc.array(target, { maxLength: 3 }), hostileValue)),
      narrative: maybe(
        fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: fc.constant('Đơn vị đã triển khai kế hoạch.') }, { weight: 1, arbitrary: hostileValue }),
      ),
      difficulties: maybe(hostileString),
      recommendations: maybe(hostileString),
      attachments: maybe(fc.oneof(fc.array(attachment, { maxLength: 2 }), hostileValue)),
      submittedBy: maybe(fc.oneof(fc.record({ name: maybe(hostileString), email: maybe(fc.oneof(fc.emailAddress(), hostileString)) }), hostileValue)),
      junk: maybe(fc.oneof(hostileString, fc.constant('x'.repeat(1_500_000)))),
    },
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: fc.anything() });
}

export const extensionArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        lastDay: fc.oneof(fc.constantFrom('2026-06-26', '2026-13-45', '2026-02-30', '2026-06-01', '2101-01-01', '26/06/2026'), hostileValue, fc.array(fc.constant('2026-06-26'))),
        reason: maybe(fc.oneof(fc.constant('Đang tổng hợp số liệu'), hostileString, hostileValue)),
        junk: maybe(fc.constant('x'.repeat(1_500_000))),
      },
      { requiredKeys: ['lastDay'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** The oracle: what a recorded submission must satisfy, checked by rules that do not trust the edge. */
function recordedIsValid(p: SubmissionPayload, ctx: { period: string; taskIds: string[]; targetIds: string[] }): string | null {
  const problems = submissionProblems(p, ctx);
  if (problems.length) return problems.join('; ');
  const strings: string[] = [];
  const walk = (v: unknown) =>
    typeof v === 'string' ? strings.push(v) : Array.isArray(v) ? v.forEach(walk) : v && typeof v === 'object' ? Object.values(v).forEach(walk) : undefined;
  walk(p);
  if (strings.some((s) => !isXmlSafe(s) || s !== s.normalize('NFC'))) return 'a recorded string is not XML-safe NFC';
  if (p.tasks.some((t) => (t.status === 'hoan-thanh' && t.progress !== undefined && t.progress !== 100) || (t.status === 'chua-trien-khai' && (t.progress ?? 0) !== 0)))
    return 'status and progress disagree';
  if (!p.narrative.trim() && !ctx.taskIds.every((id) => p.tasks.some((t) => t.taskId === id))) return 'an empty report was recorded';
  return null;
}

type Send = (body: unknown) => Promise<{ status: number; text: string }>;

/** Submissions through every route: the link's JSON API, the portal's multipart form, and the staff API. */
export async function fuzzSubmissions(web: WebRig, apiToken: string, runs: number, seed: number): Promise<Counts> {
  const c = emptyCounts();
  const plan = web.plan;
  const period = '2026-H1';
  const agencies = ['bao-son-la', 'tinh-doan', 'so-tai-chinh', 'so-giao-duc-va-dao-tao', 'dai-phat-thanh-truyen-hinh-tinh', 'so-khoa-hoc-va-cong-nghe'];
  const own = (a: string) => plan.agencies.filter((x) => x.id === a || x.successor?.agencyIds[0] === a).flatMap((x) => tasksOf(plan, x.id).map((t) => t.task.id));
  const exp = Math.floor(Date.parse('2026-12-31T00:00:00+07:00') / 1000);
  const token = (a: string) => signLink({ planId: plan.id, period, agencyId: a, exp }, LINK_SECRET);
  const json =
    (url: string, headers: Record<string, string> = {}): Send =>
    async (body) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) ?? 'null' });
      return { status: res.status, text: await res.text() };
    };
  const portal =
    (a: string): Send =>
    async (body) => {
      const page = await fetch(`${web.baseUrl}/nop/${token(a)}`);
      const cookie = (page.headers.getSetCookie?.() ?? []).map((x) => x.split(';')[0]).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const form = new FormData();
      form.set('_csrf', csrf);
      const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      for (const f of ['narrative', 'difficulties', 'recommendations']) if (b[f] !== undefined) form.set(f, str(b[f]));
      const tasks = Array.isArray(b.tasks) ? (b.tasks as Record<string, unknown>[]) : [];
      tasks.slice(0, 3).forEach((t, i) => {
        form.set(`task.${i}.status`, str(t?.status));
        if (t?.progress !== undefined) form.set(`task.${i}.progress`, str(t.progress));
        if (t?.result !== undefined) form.set(`task.${i}.result`, str(t.result));
      });
      const atts = Array.isArray(b.attachments) ? (b.attachments as Record<string, unknown>[]) : [];
      for (const a of atts.slice(0, 2))
        form.append('attachments', new Blob([str(a?.contentType).startsWith('application/pdf') ? '%PDF-1.4\n%\n' : str(a?.sha256)]), str(a?.name).slice(0, 300) || 'x.pdf');
      if (b.junk !== undefined) form.set('keep', str(b.junk).slice(0, 200_000));
      const res = await fetch(`${web.baseUrl}/nop/${token(a)}`, { method: 'POST', headers: { cookie }, body: form, redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
  const inputs = fc.sample(fc.tuple(fc.nat({ max: agencies.length - 1 }), fc.nat({ max: 2 })), { seed, numRuns: runs });
  const bodies = new Map<string, unknown[]>();
  for (const a of agencies)
    bodies.set(
      a,
      fc.sample(
        submissionArb(
          period,
          own(a),
          plan.targets.map((t) => t.id),
        ),
        { seed: seed + a.length, numRuns: runs },
      ),
    );
  for (const [i, [ai, route]] of inputs.entries()) {
    const a = agencies[ai]!;
    const body = bodies.get(a)![i];
    const send =
      route === 0
        ? json(`${web.baseUrl}/api/links/${token(a)}/submissions`)
        : route === 1
          ? portal(a)
          : json(`${web.baseUrl}/api/plans/${plan.id}/periods/${period}/agencies/${a}/submissions`, { authorization: `Bearer ${apiToken}` });
    c.runs++;
    const before = (await agencyStatus(web.ops, plan.id, period, a)).submissions.length;
    let res: { status: number; text: string };
    try {
      res = await send(body);
    } catch (err) {
      note(c, 'crashes', `${a} route ${route}: ${(err as Error).message}`);
      continue;
    }
    const after = await agencyStatus(web.ops, plan.id, period, a);
    if (res.status >= 500) note(c, '5xx', `${a} route ${route}: ${res.status} ${res.text.slice(0, 200)}`);
    const ok = res.status < 400;
    if (ok) {
      c.accepted++;
      const last = after.submissions.at(-1);
      if (after.submissions.length !== before + 1 || !last) note(c, 'acceptedButInvalid', `${a} route ${route}: answered ${res.status} but nothing recorded`);
      else {
        const why = recordedIsValid(last.payload, { period, taskIds: own(a), targetIds: plan.targets.map((t) => t.id) });
        if (why) note(c, 'acceptedButInvalid', `${a} route ${route}: ${why}`);
      }
    } else {
      c.refused++;
      if (after.submissions.length !== before) note(c, 'rejectedButRecorded', `${a} route ${route}: ${res.status} yet revision ${after.submissions.length}`);
    }
  }
  c.workflowsBroken += await brokenWorkflows(
    web,
    agencies.map((a) => reportWorkflowId(plan.id, period, a)),
  );
  return c;
}

/** Extension requests through the link's JSON route and the portal's form. */
export async function fuzzExtensionRequests(web: WebRig, runs: number, seed: number): Promise<Counts> {
  const c = emptyCounts();
  const plan = web.plan;
  const period = '2026-H1';
  const agencies = ['ubnd-cac-xa-phuong', 'so-nong-nghiep-va-moi-truong', 'cac-co-quan-bao-chi-tren-dia-ban-tinh'];
  const exp = Math.floor(Date.parse('2026-12-31T00:00:00+07:00') / 1000);
  const bodies = fc.sample(fc.tuple(fc.nat({ max: agencies.length - 1 }), fc.boolean(), extensionArb), { seed, numRuns: runs });
  for (const [ai, viaForm, body] of bodies) {
    const a = agencies[ai]!;
    const token = signLink({ planId: plan.id, period, agencyId: a, exp }, LINK_SECRET);
    c.runs++;
    const before = (await agencyStatus(web.ops, plan.id, period, a)).status;
    let res: Response;
    try {
      if (viaForm) {
        const page = await fetch(`${web.baseUrl}/nop/${token}`);
        const cookie = (page.headers.getSetCookie?.() ?? []).map((x) => x.split(';')[0]).join('; ');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
        const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
        const form = new URLSearchParams({ _csrf: csrf, lastDay: String(b.lastDay ?? ''), reason: String(b.reason ?? '') });
        res = await fetch(`${web.baseUrl}/nop/${token}/gia-han`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      } else
        res = await fetch(`${web.baseUrl}/api/links/${token}/extension-request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body) ?? 'null',
        });
    } catch (err) {
      note(c, 'crashes', `${a}: ${(err as Error).message}`);
      continue;
    }
    const text = await res.text();
    const after = (await agencyStatus(web.ops, plan.id, period, a)).status;
    if (res.status >= 500) note(c, '5xx', `${a}: ${res.status} ${text.slice(0, 200)}`);
    const changed = JSON.stringify(after.extensionRequest) !== JSON.stringify(before.extensionRequest);
    if (res.status < 400) {
      c.accepted++;
      const r = after.extensionRequest;
      if (
        !r ||
        !isRealIsoDate(r.lastDay) ||
        r.lastDay <= before.lastDay ||
        !r.reason.trim() ||
        !isXmlSafe(r.reason) ||
        Object.keys(r).some((k) => !['lastDay', 'reason', 'at'].includes(k))
      )
        note(c, 'acceptedButInvalid', `${a}: ${JSON.stringify(r)?.slice(0, 200)}`);
    } else {
      c.refused++;
      if (changed) note(c, 'rejectedButRecorded', `${a}: ${res.status} yet ${JSON.stringify(after.extensionRequest)?.slice(0, 200)}`);
    }
  }
  c.workflowsBroken += await brokenWorkflows(
    web,
    agencies.map((a) => reportWorkflowId(plan.id, period, a)),
  );
  return c;
}

async function brokenWorkflows(web: WebRig, ids: string[]): Promise<number> {
  let broken = 0;
  for (const id of ids) {
    const d = await web.rig.env.client.workflow.getHandle(id).describe();
    if (d.status.name === 'TERMINATED' || d.status.name === 'FAILED' || d.status.name === 'TIMED_OUT') broken++;
  }
  return broken;
}

/** Plan files: the seed mutated (unknown keys, wrong types, huge or hostile strings, aliases, cut text). Pure. */
export function fuzzPlans(seedText: string, runs: number, seed: number): Counts {
  const c = emptyCounts();
  const base = parsePlan(seedText, 'seed.yaml');
  if (!base.ok) throw new Error('the seed plan must be valid');
  const original = JSON.parse(JSON.stringify(base.plan)) as Record<string, unknown>;
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => collect(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...p, k]);
  };
  collect(original, []);
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      at: fc.nat({ max: paths.length - 1 }),
      value: fc.oneof(hostileValue, fc.integer({ min: -3000, max: 3000 }), fc.constant('no')),
    }),
    fc.record({
      kind: fc.constant('key' as const),
      at: fc.nat({ max: paths.length - 1 }),
      key: fc.oneof(fc.constantFrom('remindres', 'escalaton', 'aproved', 'horizn'), hostileString),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat({ max: paths.length - 1 }) }),
    fc.record({
      kind: fc.constant('text' as const),
      at: fc.nat(),
      insert: fc.oneof(hostileString, fc.constantFrom('&a ', '*a', '<<: *a', ': :', '\t', '\n  - ', '!!js/function x')),
    }),
    fc.record({ kind: fc.constant('aliases' as const), count: fc.integer({ min: 1, max: 400 }) }),
  );
  for (const ms of fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { seed, numRuns: runs })) {
    c.runs++;
    let text: string;
    const doc = structuredClone(original);
    const textEdits: { at: number; insert: string }[] = [];
    let aliases = 0;
    for (const m of ms) {
      if (m.kind === 'text') textEdits.push(m);
      else if (m.kind === 'aliases') aliases = m.count;
      else {
        const p = paths[m.at]!;
        const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], doc) as Record<string | number, unknown> | undefined;
        const leaf = p.at(-1);
        const target = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], doc) as Record<string, unknown> | undefined;
        const container = parent !== null && typeof parent === 'object';
        if (m.kind === 'set' && container && leaf !== undefined) parent[leaf] = m.value;
        if (m.kind === 'delete' && container && leaf !== undefined) delete parent[leaf];
        if (m.kind === 'key' && target !== null && typeof target === 'object' && !Array.isArray(target)) target[m.key] = 1;
      }
    }
    try {
      text = stringify(doc);
    } catch {
      text = seedText;
    }
    for (const e of textEdits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at);
    }
    if (aliases) text = `x-anchor: &a [1, 2, 3]\n${text}\n${Array.from({ length: aliases }, (_, i) => `x-alias-${i}: *a`).join('\n')}\n`;
    let result: ReturnType<typeof parsePlan>;
    try {
      result = parsePlan(text, 'fuzz.yaml');
    } catch (err) {
      note(c, 'crashes', (err as Error).message);
      continue;
    }
    if (!result.ok) {
      c.refused++;
      if (!result.errors.length || result.errors.some((e) => !e.message)) note(c, 'crashes', 'a refusal without a reason');
      continue;
    }
    c.accepted++;
    const p = result.plan as Plan;
    const strings: string[] = [];
    const walk = (v: unknown) =>
      typeof v === 'string'
        ? strings.push(v)
        : Array.isArray(v)
          ? v.forEach(walk)
          : v && typeof v === 'object'
            ? Object.entries(v).forEach(([k, x]) => (strings.push(k), walk(x)))
            : undefined;
    walk(p);
    const h = p.document.horizon;
    if (h.from < 2000 || h.to > 2100 || strings.some((s) => !isXmlSafe(s)) || !planSchema.safeParse(JSON.parse(JSON.stringify(p))).success || aliases > 100)
      note(c, 'acceptedButInvalid', JSON.stringify(ms).slice(0, 300));
  }
  return c;
}

/** Does every XML part of a package parse? An independent check of what the renderers produced. */
async function packageWellFormed(bytes: Buffer): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue;
    const parser = new SaxesParser();
    let bad = false;
    parser.on('error', () => void (bad = true));
    parser.write(await entry.async('string')).close();
    if (bad) return false;
  }
  return true;
}

/** Text into every renderer: hostile strings through the edge schema, into DOCX, XLSX and HTML; each must open. */
export async function fuzzRenderers(fixture: ReportFixture, runs: number, seed: number): Promise<Counts> {
  const c = emptyCounts();
  const texts = fc.sample(
    fc.array(
      hostileString.map((s) => s.slice(0, 3000)),
      { minLength: 5, maxLength: 5 },
    ),
    { seed, numRuns: runs },
  );
  const agency = fixture.roles.onTime.find((a) => fixture.input.submissions[a]!.payload.tasks.length > 0);
  const base = consolidateInput(fixture);
  for (const [narrative, difficulties, recommendations, result, name] of texts) {
    c.runs++;
    const original = base.submissions[agency!]!;
    const edge = submissionSchema.safeParse({
      ...original.payload,
      narrative,
      difficulties,
      recommendations,
      tasks: original.payload.tasks.map((t) => ({ ...t, result })),
      submittedBy: { name: name!.slice(0, 100) },
    });
    if (!edge.success) {
      c.refused++;
      continue;
    }
    c.accepted++;
    const submissions = { ...base.submissions, [agency!]: { ...original, payload: edge.data as SubmissionPayload } };
    try {
      const report = consolidate({ ...base, submissions });
      const files = await renderReport(fixture.plan, report);
      if (!(await packageWellFormed(files.docx)) || !(await packageWellFormed(files.xlsx)) || !isXmlSafe(files.html))
        note(c, 'acceptedButInvalid', JSON.stringify([narrative, difficulties]).slice(0, 200));
    } catch (err) {
      note(c, 'crashes', `${(err as Error).name}: ${(err as Error).message}`);
    }
  }
  return c;
}

const consolidateInput = (f: ReportFixture) => ({
  plan: f.plan,
  cycle: f.cycle,
  submissions: f.input.submissions,
  statuses: f.input.statuses,
  mode: 'final' as const,
  at: f.input.at,
});

export const sum = (cs: Counts[]): Counts =>
  cs.reduce((a, b) => ({
    runs: a.runs + b.runs,
    '5xx': a['5xx'] + b['5xx'],
    crashes: a.crashes + b.crashes,
    acceptedButInvalid: a.acceptedButInvalid + b.acceptedButInvalid,
    rejectedButRecorded: a.rejectedButRecorded + b.rejectedButRecorded,
    workflowsBroken: a.workflowsBroken + b.workflowsBroken,
    accepted: a.accepted + b.accepted,
    refused: a.refused + b.refused,
    examples: [...a.examples, ...b.examples].slice(0, 10),
  }));
