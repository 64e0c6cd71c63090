/**
 * The leader's day (issue 15.4, must-show): two seed plans with the same leader in charge, over their
 * December 2026 deadlines, on the real workflows (time-skipping server, real SMTP catcher).
 *
 * Sơn La (seed 004): "hằng năm trước ngày 10/12" → last day Wednesday 09/12/2026; Thái Nguyên (seed 002):
 * "trước ngày 15/12 hằng năm" → last day Monday 14/12/2026. Both name the same mailbox for the
 * vice-chairman in charge (pct.ubnd@example.gov.vn). In each plan one agency never reports (Sở Tài chính
 * in Sơn La, Sở Tư pháp in Thái Nguyên), every other reports on time and each draft is approved.
 *
 * The leader's step is the 5th working day after the last day (BRIEF §3), counted by hand on the calendar
 * (December 2026 has no day off; weekends 12–13, 19–20, 26–27/12):
 *   Sơn La: 10, 11, 14, 15, 16 → Wednesday 16/12;  Thái Nguyên: 15, 16, 17, 18, 21 → Monday 21/12.
 * Each period closes at the end of its ladder, the standing agency's own leader step: its last day Monday
 * 21/12 (Sơn La: assumed 20/12, a Sunday; Thái Nguyên: "trước ngày 20/12", 19/12 a Saturday) + 5 working
 * days = Monday 28/12, 08:00; agencies still late then leave the digest.
 * With DONDOC_DIGEST_REPEAT=daily the leader gets one digest at 08:00 on each working day from 16/12 to
 * 25/12: 16, 17, 18 (Sơn La only), 21, 22, 23, 24, 25 (both plans), none on 28/12, nothing after.
 */
import proto from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMail } from '../../src/mail/catcher.js';
import { documentRef } from '../../src/mail/templates.js';
import type { Plan } from '../../src/plan/schema.js';
import { instantAt } from '../../src/calendar/isoDate.js';
import { shiftWorkingDays } from '../../src/calendar/workingDays.js';
import { cyclesOfYear } from '../../src/reporting/cycles.js';
import type { CycleSpec, PlanRef } from '../../src/reporting/types.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { submissionInstant } from '../../src/simulate/script.js';
import { createScriptActivities, type ScriptStep } from '../../src/simulate/scriptActivities.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { cycleWorkflow } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, leaderWorkflowId, officerWorkflowId } from '../../workflows/ids.js';
import type { officerSummaryWorkflow } from '../../workflows/officerSummaryWorkflow.js';
import type { leaderDigestWorkflow } from '../../workflows/leaderDigestWorkflow.js';
import { runScript } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

const LEADER = 'pct.ubnd@example.gov.vn';
const NEVER: Record<string, string> = { 'son-la-37-ct-tw-2024': 'so-tai-chinh', 'thai-nguyen-227-kh-ubnd-2021': 'so-tu-phap' };
const at8 = (day: string) => `${day}T08:00:00+07:00`;

describe('two plans with the same leader over their December 2026 deadlines', () => {
  let rig: Rig;
  let plans: Plan[];
  let cycles: CycleSpec[];
  let mails: CaughtMail[];
  let leader: WorkflowHandle<typeof leaderDigestWorkflow>;
  const taskQueue = uniqueTaskQueue('leader-digest');

  beforeAll(async () => {
    rig = await startRig();
    plans = await Promise.all(Object.keys(NEVER).map((name) => loadSeedPlan(name)));
    const store = new ContentStore(rig.dataDir);
    const { worker, deps } = await createDondocWorker({
      connection: rig.env.nativeConnection,
      client: rig.env.client,
      taskQueue,
      dataDir: rig.dataDir,
      smtpUrl: rig.catcher.url,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'test-secret-test-secret-test-secret-0123',
      workflowBundle: rig.bundle,
      digest: { hour: '08:00', quiet: { from: '18:00', to: '07:00' }, repeat: 'daily' },
      extraActivities: createScriptActivities(rig.env.client, store),
    });
    const refs: PlanRef[] = await Promise.all(plans.map((p) => deps.plans.put(p)));
    cycles = plans.map((p) => cyclesOfYear(p, 2026).find((c) => c.period === '2026')!);
    const startAt = cycles.map((c) => c.opensAt).sort()[0]!;
    const endAt = '2026-12-31T23:59:59+07:00';
    const steps: ScriptStep[] = [];
    cycles.forEach((cycle, i) => {
      const plan = plans[i]!;
      for (const a of cycle.agencies) {
        if (a.agencyId === NEVER[plan.id]) continue;
        const taskIds = plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(a.agencyId)).map((t) => t.id);
        steps.push({
          at: submissionInstant(cycle, a.agencyId, { kind: 'ontime' })!,
          action: 'submit',
          planId: plan.id,
          period: cycle.period,
          agencyId: a.agencyId,
          payload: sampleSubmission(plan, cycle.period, a.agencyId, taskIds, false),
        });
      }
      // The standing agency approves the draft the working day after it arrives (at the draft point).
      steps.push({ at: instantAt(shiftWorkingDays(cycle.draftAt.slice(0, 10), 1), '09:00'), action: 'approve', planId: plan.id, period: cycle.period });
    });
    steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    await worker.runUntil(async () => {
      const clockOffsetMs = Date.parse(startAt) - (await rig.env.currentTimeMs());
      await Promise.all(
        cycles.map((cycle, i) =>
          rig.env.client.workflow.start(cycleWorkflow, { workflowId: cycleWorkflowId(plans[i]!.id, cycle.period), taskQueue, args: [{ planRef: refs[i]!, cycle, clockOffsetMs }] }),
        ),
      );
      await runScript(rig.env.client, taskQueue, clockOffsetMs, endAt, steps);
      leader = rig.env.client.workflow.getHandle<typeof leaderDigestWorkflow>(leaderWorkflowId(LEADER));
    });
    mails = rig.catcher.messages();
  }, 300_000);
  afterAll(async () => rig?.close());

  const toLeader = () => mails.filter((m) => m.to.includes(LEADER) || m.cc.includes(LEADER));
  const digests = () => toLeader().filter((m) => m.headers['x-dondoc-digest'] === 'leader');

  it('the leader gets exactly one digest at 08:00 on each working day from 16/12 to 25/12, and no other escalation', () => {
    const days = ['2026-12-16', '2026-12-17', '2026-12-18', '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25'];
    expect(
      digests()
        .map((m) => new Date(m.date).toISOString())
        .sort(),
    ).toEqual(days.map((d) => new Date(at8(d)).toISOString()));
    // No per-plan digest alongside, no other escalation to the leader (the standing agencies sent on time);
    // the leader is otherwise only among the addressees of the two consolidated reports (18/12).
    expect(
      toLeader()
        .filter((m) => m.headers['x-dondoc-digest'] !== 'leader' && m.headers['x-dondoc-kind'] !== 'consolidated')
        .map((m) => [m.date, m.subject, m.headers['x-dondoc-kind']]),
    ).toEqual([]);
  });

  it('from 21/12 each digest has both plans, grouped, Sơn La first (more overdue), each with its grid link', () => {
    const [sonLa, thaiNguyen] = plans as [Plan, Plan];
    const tai = sonLa.agencies.find((a) => a.id === 'so-tai-chinh')!.name;
    const tuPhap = thaiNguyen.agencies.find((a) => a.id === 'so-tu-phap')!.name;
    for (const m of digests()) {
      const day = new Date(Date.parse(m.date) + 7 * 3_600_000).toISOString().slice(0, 10);
      expect(m.text).toContain(`${tai} – báo cáo năm 2026: hạn 09/12/2026`);
      expect(m.text).toContain('Bảng theo dõi: http://localhost:3000/plans/son-la-37-ct-tw-2024');
      if (day < '2026-12-21') {
        expect(m.text).not.toContain(documentRef(thaiNguyen));
        expect(m.headers['x-dondoc-plan']).toBe(sonLa.id);
        continue;
      }
      expect(m.subject).toBe(`[Tổng hợp chậm báo cáo] ${day.split('-').reverse().join('/')} – 2 cơ quan chưa gửi báo cáo – 2 kế hoạch`);
      expect(m.text.indexOf(`1. ${documentRef(sonLa)}`)).toBeGreaterThan(-1);
      expect(m.text.indexOf(`2. ${documentRef(thaiNguyen)}`)).toBeGreaterThan(m.text.indexOf(tai));
      expect(m.text).toContain(`${tuPhap} – báo cáo năm 2026: hạn 14/12/2026`);
      expect(m.text).toContain('Bảng theo dõi: http://localhost:3000/plans/thai-nguyen-227-kh-ubnd-2021');
      expect(m.headers['x-dondoc-plan'] ?? '').toBe('');
    }
    // 21/12: Sơn La 8 working days late (10, 11, 14–18, 21), Thái Nguyên 5 (15–18, 21).
    const first = digests().find((m) => new Date(m.date).toISOString() === new Date(at8('2026-12-21')).toISOString())!;
    expect(first.text).toMatch(/hạn 09\/12\/2026, chậm 8 ngày làm việc/);
    expect(first.text).toMatch(/hạn 14\/12\/2026, chậm 5 ngày làm việc \(mới\)/);
  });

  it('the cycles sent no digest of their own and recorded that they told the leader, once per agency', async () => {
    for (const [i, cycle] of cycles.entries()) {
      const state = await rig.env.client.workflow.getHandle<typeof cycleWorkflow>(cycleWorkflowId(plans[i]!.id, cycle.period)).result();
      expect(state.phase).toBe('closed');
      expect(state.digests.map((d) => d.agencyIds)).toEqual([[NEVER[plans[i]!.id]]]);
    }
    expect(mails.filter((m) => m.headers['x-dondoc-kind'] === 'escalation' && !m.headers['x-dondoc-agency'] && m.headers['x-dondoc-digest'] !== 'leader')).toEqual([]);
  });

  it('the leader workflow ran one short run per digest day, and ended once both periods closed', async () => {
    const final = await leader.result();
    // 16, 17, 18, 21, 22, 23, 24, 25 and 28/12 (nothing left after the close: it ends).
    expect({ runs: final.runs, digests: final.digests, items: final.items }).toEqual({ runs: 9, digests: 8, items: [] });
    // Every run's history, from the last back to the first: small and bounded, whatever the number of days.
    let history = await leader.fetchHistory();
    const firstRunId = history.events![0]!.workflowExecutionStartedEventAttributes!.firstExecutionRunId!;
    const sizes: number[] = [];
    for (let runId: string | undefined = firstRunId; runId;) {
      history = await rig.env.client.workflow.getHandle(leaderWorkflowId(LEADER), runId).fetchHistory();
      sizes.push(history.events!.length);
      const bytes = proto.temporal.api.history.v1.History.encode(history as proto.temporal.api.history.v1.IHistory).finish().length;
      expect(bytes).toBeLessThan(32 * 1024);
      runId = history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    expect(sizes).toHaveLength(9);
    for (const n of sizes) expect(n).toBeLessThanOrEqual(40);
  });

  it('the standing agencies’ officer (one mailbox in both plans) gets one morning summary a working day across both, then none once they close', async () => {
    const OFFICER = 'daumoi.so-noi-vu@example.gov.vn';
    const summaries = mails.filter((m) => m.headers['x-dondoc-kind'] === 'summary');
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.every((m) => m.to.length === 1 && m.to[0] === OFFICER)).toBe(true);
    const days = summaries.map((m) => new Date(Date.parse(m.date) + 7 * 3_600_000).toISOString());
    expect(new Set(days.map((d) => d.slice(0, 10))).size).toBe(days.length);
    expect(days.every((d) => d.slice(11, 16) === '08:00')).toBe(true);
    expect(days.filter((d) => d.slice(0, 10) >= '2026-12-28')).toEqual([]);
    // 16/12: Sở Tài chính of Sơn La, last day 09/12, 5 working days late (10, 11, 14, 15, 16).
    const dec16 = summaries.find((m) => days[summaries.indexOf(m)]!.startsWith('2026-12-16'))!;
    expect(dec16.text).toMatch(/Sở Tài chính – KH của Ủy ban nhân dân tỉnh Sơn La, năm 2026: hạn 09\/12\/2026, chậm 5 ngày làm việc/);
    // Thái Nguyên's Sở Tư pháp is late too on 16/12 (14/12 → 15, 16: 2 working days): both plans in one summary.
    expect(dec16.text).toMatch(/Sở Tư pháp – KH 227\/KH-UBND, năm 2026: hạn 14\/12\/2026, chậm 2 ngày làm việc/);
    // The morning after each draft point, the draft waits for the officer's approval (given at 09:00).
    for (const [i, cycle] of cycles.entries()) {
      const next = shiftWorkingDays(cycle.draftAt.slice(0, 10), 1);
      const m = summaries.find((x) => days[summaries.indexOf(x)]!.startsWith(next))!;
      expect(m.text).toContain(`Dự thảo báo cáo tổng hợp – ${documentRef(plans[i]!)}, năm 2026: chờ phê duyệt`);
    }
    const officer = await rig.env.client.workflow.getHandle<typeof officerSummaryWorkflow>(officerWorkflowId(OFFICER)).result();
    expect({ cycles: officer.cycles, summaries: officer.summaries }).toEqual({ cycles: [], summaries: summaries.length });
  });
});
