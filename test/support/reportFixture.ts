/**
 * A consolidated report of the Sơn La plan (seed 004) for the 2026 annual period, with every kind of
 * agency: on time, late, missing, exempted; values and Vietnamese text that tests can look for.
 */
import { join } from 'node:path';
import { consolidate, type ConsolidatedReport } from '../../src/consolidation/consolidate.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { adhocCycleSpec, cyclesOfYear } from '../../src/reporting/cycles.js';
import type { AgencyStatus, CycleSpec, SubmissionRecord } from '../../src/reporting/types.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { formModel } from '../../src/web/submissionForm.js';

export interface ReportFixture {
  plan: Plan;
  cycle: CycleSpec;
  report: ConsolidatedReport;
  /** Who did what in the fixture. */
  roles: { onTime: string[]; late: string; missing: string; exempted: string };
  /** What the report was consolidated from. */
  input: { submissions: Record<string, SubmissionRecord>; statuses: Record<string, AgencyStatus>; at: string };
}

/** A task inherited twice (seed 004's V.10, from Sở KH&ĐT and Sở Tài chính's own) is reported once. */
const unique = <T extends { task: { id: string } }>(ts: T[]) => ts.filter((t, i) => ts.findIndex((x) => x.task.id === t.task.id) === i);

export async function sonLaAnnualReport(mode: 'draft' | 'final' = 'final'): Promise<ReportFixture> {
  const plan = await loadPlanOrThrow(join(projectRoot, 'plans', 'son-la-37-ct-tw-2024.yaml'));
  const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026')!;
  const ids = cycle.agencies.map((a) => a.agencyId);
  const [late, missing, exempted, ...onTime] = ids as [string, string, string, ...string[]];
  const submissions: Record<string, SubmissionRecord> = {};
  const statuses: Record<string, AgencyStatus> = {};
  const lastDay = (id: string) => cycle.agencies.find((a) => a.agencyId === id)!.lastDay;
  const record = (id: string, submittedAt: string, isLate: boolean): SubmissionRecord => {
    const name = plan.agencies.find((a) => a.id === id)!.name;
    return {
      revision: 1,
      submittedAt,
      late: isLate,
      payload: {
        period: cycle.period,
        // The tasks the portal asks this agency for: its own and its predecessors' (formModel's rule).
        tasks: unique(formModel(plan, id).tasks).map((t, i) => ({
          taskId: t.task.id,
          status: i % 2 ? 'hoan-thanh' : 'dang-thuc-hien',
          progress: i % 2 ? 100 : 75,
          result: `${name} đã tổ chức đào tạo nghề cho lao động nông thôn theo nhiệm vụ ${t.task.section ?? t.task.id}.`,
        })),
        targets: [],
        narrative: `${name} đã ban hành văn bản hướng dẫn triển khai Kế hoạch.`,
        difficulties: `Nguồn kinh phí hỗ trợ đào tạo nghề còn hạn chế, chưa đáp ứng nhu cầu học nghề của người dân vùng sâu, vùng xa (${name}).`,
        recommendations: `Đề nghị bố trí đủ kinh phí đào tạo nghề năm 2027 (${name}).`,
        attachments: [],
      },
    };
  };
  for (const id of onTime) submissions[id] = record(id, `${lastDay(id)}T09:30:00+07:00`, false);
  // The standing agency's own numbers: the targets, all reported by the first on-time agency.
  const reporter = onTime[0]!;
  submissions[reporter]!.payload.targets = plan.targets.map((t, i) => ({ targetId: t.id, value: i === 0 ? 57.2 : i === 1 ? t.value - 5 : t.value }));
  submissions[late] = record(late, '2026-12-14T15:00:00+07:00', true);
  statuses[exempted] = {
    agencyId: exempted,
    role: 'agency',
    period: cycle.period,
    state: 'exempted',
    lastDay: lastDay(exempted),
    dueAt: `${lastDay(exempted)}T23:59:59+07:00`,
    submittedAt: null,
    revisions: 0,
    remindersSent: [],
    escalationLevel: null,
    digestAt: null,
    ladderEndsAt: `${lastDay(exempted)}T23:59:59+07:00`,
    exemption: { reason: 'Không được giao nhiệm vụ trong năm 2026', at: '2026-11-20T10:00:00+07:00' },
    extensions: [],
    extensionRequest: null,
    closed: false,
  };
  const report = consolidate({ plan, cycle, submissions, statuses, mode, at: '2026-12-18T09:00:00+07:00' });
  return { plan, cycle, report, roles: { onTime, late, missing, exempted }, input: { submissions, statuses, at: '2026-12-18T09:00:00+07:00' } };
}

/**
 * An ad-hoc report (báo cáo đột xuất) of the Sơn La plan in October 2026: Báo Sơn La and Sở Kế hoạch và Đầu
 * tư (whose duties passed to Sở Tài chính on 01/03/2025) asked on 01/10 to report by 15/10; both do.
 */
export async function sonLaAdhocReport(mode: 'draft' | 'final' = 'final'): Promise<ReportFixture> {
  const plan = await loadPlanOrThrow(join(projectRoot, 'plans', 'son-la-37-ct-tw-2024.yaml'));
  const cycle = adhocCycleSpec(plan, {
    agencyIds: ['bao-son-la', 'so-ke-hoach-va-dau-tu'],
    lastDay: '2026-10-15',
    subject: 'Tình hình đào tạo nghề cho lao động nông thôn quý III',
    seq: 1,
    at: '2026-10-01T09:00:00+07:00',
  });
  const submissions: Record<string, SubmissionRecord> = {};
  for (const a of cycle.agencies) {
    const name = plan.agencies.find((x) => x.id === a.agencyId)!.name;
    submissions[a.agencyId] = {
      revision: 1,
      submittedAt: '2026-10-14T10:00:00+07:00',
      late: false,
      payload: {
        period: cycle.period,
        tasks: unique(formModel(plan, a.agencyId).tasks).map((t) => ({
          taskId: t.task.id,
          status: 'dang-thuc-hien',
          progress: 80,
          result: `${name} đã báo cáo tình hình quý III theo nhiệm vụ ${t.task.section ?? t.task.id}.`,
        })),
        targets: [],
        narrative: `${name} báo cáo đột xuất theo yêu cầu.`,
        difficulties: '',
        recommendations: '',
        attachments: [],
      },
    };
  }
  const at = '2026-10-16T08:00:00+07:00';
  const report = consolidate({ plan, cycle, submissions, statuses: {}, mode, at });
  return { plan, cycle, report, roles: { onTime: cycle.agencies.map((a) => a.agencyId), late: '', missing: '', exempted: '' }, input: { submissions, statuses: {}, at } };
}
