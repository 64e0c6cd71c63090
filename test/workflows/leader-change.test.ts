/**
 * A plan's leader changes from a date (issue 15.4): the digest goes to the leader in charge on that day.
 * Sơn La (seed 004), annual 2026, with a second vice-chairman in charge from Friday 18/12/2026
 * (`escalation.leaderChanges`); Sở Tài chính never reports, everyone else on time; DONDOC_DIGEST_REPEAT=daily.
 * By hand: last day Wednesday 09/12, leader step Wednesday 16/12 (10, 11, 14, 15, 16); the period closes
 * Monday 28/12 08:00 (the standing agency's ladder: last day 21/12 + 5 working days).
 *   pct.ubnd@ (in charge to 17/12): 16/12, 17/12;   pct.moi@ (from 18/12): 18, 21, 22, 23, 24, 25/12.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantAt } from '../../src/calendar/isoDate.js';
import { shiftWorkingDays } from '../../src/calendar/workingDays.js';
import type { CaughtMail } from '../../src/mail/catcher.js';
import { parsePlan } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { cyclesOfYear } from '../../src/reporting/cycles.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { submissionInstant } from '../../src/simulate/script.js';
import { createScriptActivities, type ScriptStep } from '../../src/simulate/scriptActivities.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { cycleWorkflow } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId } from '../../workflows/ids.js';
import { runScript } from '../support/script.js';
import { seedPlanPath, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

const OLD = 'pct.ubnd@example.gov.vn';
const NEW = 'pct.moi@example.gov.vn';

describe('a leader changed from 18/12/2026', () => {
  let rig: Rig;
  let mails: CaughtMail[];
  const taskQueue = uniqueTaskQueue('leader-change');

  beforeAll(async () => {
    rig = await startRig();
    const person = `  - id: pct-moi\n    role: "Phó Chủ tịch UBND tỉnh (phân công lại)"\n    name: "Nguyễn Văn Mới"\n    email: ${NEW}\n    placeholder: true\n`;
    const text = readFileSync(seedPlanPath('son-la-37-ct-tw-2024'), 'utf8')
      .replace(/^leadership:\n/m, `leadership:\n${person}`)
      .replace(/^ {2}leaderId: pct-ubnd-tinh\n/m, '  leaderId: pct-ubnd-tinh\n  leaderChanges:\n    - { from: "2026-12-18", leaderId: pct-moi }\n');
    const parsed = parsePlan(text, 'son-la.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan: Plan = parsed.plan;
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
    const planRef = await deps.plans.put(plan);
    const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026')!;
    const steps: ScriptStep[] = cycle.agencies
      .filter((a) => a.agencyId !== 'so-tai-chinh')
      .map((a) => ({
        at: submissionInstant(cycle, a.agencyId, { kind: 'ontime' })!,
        action: 'submit' as const,
        planId: plan.id,
        period: cycle.period,
        agencyId: a.agencyId,
        payload: sampleSubmission(
          plan,
          cycle.period,
          a.agencyId,
          plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(a.agencyId)).map((t) => t.id),
          false,
        ),
      }));
    steps.push({ at: instantAt(shiftWorkingDays(cycle.draftAt.slice(0, 10), 1), '09:00'), action: 'approve', planId: plan.id, period: cycle.period });
    steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    await worker.runUntil(async () => {
      const clockOffsetMs = Date.parse(cycle.opensAt) - (await rig.env.currentTimeMs());
      await rig.env.client.workflow.start(cycleWorkflow, { workflowId: cycleWorkflowId(plan.id, cycle.period), taskQueue, args: [{ planRef, cycle, clockOffsetMs }] });
      await runScript(rig.env.client, taskQueue, clockOffsetMs, '2026-12-31T23:59:59+07:00', steps);
    });
    mails = rig.catcher.messages();
  }, 300_000);
  afterAll(async () => rig?.close());

  const daysOf = (to: string) =>
    mails
      .filter((m) => m.headers['x-dondoc-digest'] === 'leader' && m.to.includes(to))
      .map((m) => new Date(Date.parse(m.date) + 7 * 3_600_000).toISOString().slice(0, 16))
      .sort();

  it('the leader in charge to 17/12 gets the digests of 16 and 17/12; the one from 18/12 every one after, none twice', () => {
    expect(daysOf(OLD)).toEqual(['2026-12-16T08:00', '2026-12-17T08:00']);
    expect(daysOf(NEW)).toEqual(['2026-12-18T08:00', '2026-12-21T08:00', '2026-12-22T08:00', '2026-12-23T08:00', '2026-12-24T08:00', '2026-12-25T08:00']);
  });

  it('the new leader is greeted by name, and the agency is news to them on 18/12', () => {
    const first = mails.find((m) => m.headers['x-dondoc-digest'] === 'leader' && m.to.includes(NEW))!;
    expect(first.text).toContain('Kính gửi: Nguyễn Văn Mới');
    expect(first.text).toMatch(/Sở Tài chính – báo cáo năm 2026: hạn 09\/12\/2026, chậm 7 ngày làm việc \(mới\)/);
  });
});
