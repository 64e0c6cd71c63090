import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import { planStatus } from '../../src/service/operations.js';
import { reportFile, type ReportFile } from '../../src/service/reports.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { PlanStore } from '../../src/storage/planStore.js';
import { buildServer } from '../../src/web/server.js';
import { readDocx, readXlsx } from '../support/officeFiles.js';
import { loadSeedPlan, startRig, type Rig } from '../support/temporal.js';

/**
 * Seed 004 (Sơn La, Directive 37-CT/TW) over all of 2026 on the time-skipping server: Tỉnh Đoàn never
 * reports, Báo Sơn La reports 2 working days late, everyone else on time.
 */
describe('Sơn La plan, year 2026: reminders, escalation, digest and consolidation', () => {
  let rig: Rig;
  let sim: SimulationResult;
  // Instants are compared to the minute: a step is stamped when its workflow task runs, which on a busy
  // machine can be a second after the timer fired (the server's clock runs while it works).
  const at = (d: string) => `${d}T08:00`;
  const mails = (kind: string, agencyId: string | null, period: string) =>
    sim.emails.filter((e) => e.kind === kind && e.agencyId === agencyId && e.period === period).map((e) => ({ ...e, at: e.at.slice(0, 16) }));

  const served: Partial<{ sent: ReportFile; live: ReportFile; status: Awaited<ReturnType<typeof planStatus>>; http: LightMyRequestResponse; badFormat: LightMyRequestResponse }> =
    {};
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dondoc-sonla-'));
    rig = await startRig();
    const plan = await loadSeedPlan('son-la-37-ct-tw-2024');
    sim = await simulate({
      plan,
      from: '2026-01-01',
      to: '2026-12-31',
      submit: { 'tinh-doan': { kind: 'never' }, 'bao-son-la': { kind: 'late', workingDays: 2 } },
      env: rig.env,
      dataDir,
      // What `dondoc report`, `dondoc status` and the web serve, asked while the workflows still run.
      afterScript: async ({ client }) => {
        const ops = { client, plans: new PlanStore(new ContentStore(dataDir)), taskQueue: 'unused' };
        served.sent = await reportFile(ops, plan.id, '2026', 'docx');
        served.live = await reportFile(ops, plan.id, '2026', 'xlsx', { source: 'live', now: () => new Date('2026-12-31T10:00:00+07:00') });
        served.status = await planStatus(ops, plan.id, '2026');
        const apiToken = 't'.repeat(32);
        const app = buildServer({ ops, plans: () => [plan], linkSecret: 'x'.repeat(32), apiToken });
        const headers = { authorization: `Bearer ${apiToken}` };
        served.http = await app.inject({ method: 'GET', url: `/api/plans/${plan.id}/periods/2026/report.docx`, headers });
        served.badFormat = await app.inject({ method: 'GET', url: `/api/plans/${plan.id}/periods/2026/report.pdf`, headers });
        await app.close();
      },
    });
  }, 600_000);
  afterAll(async () => rig?.close());

  it('an agency that never reports gets the four H1 reminders at 08:00 on 04/6, 10/6, 12/6 and 15/6', () => {
    expect(mails('reminder', 'tinh-doan', '2026-H1').map((e) => e.at)).toEqual([at('2026-06-04'), at('2026-06-10'), at('2026-06-12'), at('2026-06-15')]);
  });

  it('then the overdue notice on 16/6 (focal point and head) and the director on 18/6', () => {
    const overdue = mails('overdue', 'tinh-doan', '2026-H1');
    expect(overdue.map((e) => e.at)).toEqual([at('2026-06-16')]);
    expect([...overdue[0]!.to, ...overdue[0]!.cc].sort()).toEqual(['daumoi.tinh-doan@example.gov.vn', 'lanhdao.tinh-doan@example.gov.vn']);
    expect(mails('escalation', 'tinh-doan', '2026-H1').map((e) => e.at)).toEqual([at('2026-06-18')]);
  });

  it('the leader gets one digest on the 5th working day (22/6) listing the agency still late', () => {
    const digests = mails('escalation', null, '2026-H1');
    expect(digests.map((e) => e.at)).toEqual([at('2026-06-22')]);
    const msg = sim.messages.find((m) => m.headers['x-dondoc-period'] === '2026-H1' && m.subject.startsWith('[Tổng hợp chậm báo cáo]'))!;
    expect(msg.text).toContain('Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh');
    expect(msg.to).toEqual(['pct.ubnd@example.gov.vn']);
  });

  it('the annual period follows the same pattern from the last day 09/12 (before 10/12)', () => {
    expect(mails('reminder', 'tinh-doan', '2026').map((e) => e.at)).toEqual([at('2026-11-30'), at('2026-12-04'), at('2026-12-08'), at('2026-12-09')]);
    expect(mails('overdue', 'tinh-doan', '2026').map((e) => e.at)).toEqual([at('2026-12-10')]);
    expect(mails('escalation', 'tinh-doan', '2026').map((e) => e.at)).toEqual([at('2026-12-14')]);
    expect(mails('escalation', null, '2026').map((e) => e.at)).toEqual([at('2026-12-16')]);
  });

  it('an agency that reports on time gets one reminder, a receipt, and nothing after', () => {
    const period = '2026-H1';
    expect(mails('reminder', 'tinh-doan', period).length).toBe(4);
    expect(mails('reminder', 'so-giao-duc-va-dao-tao', period).map((e) => e.at)).toEqual([at('2026-06-04')]);
    expect(mails('receipt', 'so-giao-duc-va-dao-tao', period).map((e) => e.at)).toEqual(['2026-06-05T10:00']);
    expect(mails('overdue', 'so-giao-duc-va-dao-tao', period)).toEqual([]);
    expect(mails('escalation', 'so-giao-duc-va-dao-tao', period)).toEqual([]);
  });

  it('a late agency gets every reminder and the overdue notice, then a receipt marked late', () => {
    const period = '2026-H1';
    expect(mails('reminder', 'bao-son-la', period)).toHaveLength(4);
    expect(mails('overdue', 'bao-son-la', period).map((e) => e.at)).toEqual([at('2026-06-16')]);
    expect(mails('receipt', 'bao-son-la', period).map((e) => e.at)).toEqual(['2026-06-17T10:00']);
    expect(mails('escalation', 'bao-son-la', period)).toEqual([]);
    expect(sim.submissions.find((s) => s.agencyId === 'bao-son-la' && s.period === period)).toMatchObject({ late: true });
  });

  it('a draft goes to the standing agency and, once approved, the consolidated report to the province, each period', () => {
    for (const period of ['2026-H1', '2026']) {
      const drafts = sim.emails.filter((e) => e.kind === 'draft' && e.period === period);
      const finals = sim.emails.filter((e) => e.kind === 'consolidated' && e.period === period);
      expect(drafts).toHaveLength(1);
      expect(finals).toHaveLength(1);
      expect(finals[0]!.to).toEqual(['ubnd.tinh@example.gov.vn']);
      expect(Date.parse(sim.emails.find((e) => e.kind === 'consolidated' && e.period === period)!.at)).toBeGreaterThan(
        Date.parse(sim.emails.find((e) => e.kind === 'draft' && e.period === period)!.at),
      );
    }
    expect(sim.reports.map((r) => r.period)).toEqual(['2026-H1', '2026']);
    expect(sim.reports.every((r) => r.sentAt !== null)).toBe(true);
  });

  it('the consolidated report counts the late and the missing agency in its annex', async () => {
    const msg = sim.messages.find((m) => m.headers['x-dondoc-kind'] === 'consolidated' && m.headers['x-dondoc-period'] === '2026-H1')!;
    expect(msg.text).toMatch(/\| Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh \| 15\/06\/2026 \| — \| Chưa báo cáo \|/);
    expect(msg.text).toMatch(/\| Báo Sơn La \| 15\/06\/2026 \| 17\/06\/2026 \| Chậm hạn \| 2 \|/);
    // The files as emailed are the files stored: the DOCX annex says the same.
    const h1 = sim.reports.find((r) => r.period === '2026-H1')!;
    const annex = (await readDocx(await readFile(h1.docx!))).tables.find((t) => t[0]![1] === 'Cơ quan, đơn vị')!;
    expect(annex.find((row) => row[1] === 'Báo Sơn La')!.slice(2)).toEqual(['15/06/2026', '17/06/2026', 'Chậm hạn', '2', '1']);
    expect(annex.find((row) => row[1] === 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh')!.slice(2)).toEqual(['15/06/2026', '—', 'Chưa báo cáo', '', '0']);
  });

  it('the draft and the report carry the DOCX, the XLSX annex and the HTML preview, stored where simulate says', async () => {
    for (const kind of ['draft', 'consolidated']) {
      const msg = sim.messages.find((m) => m.headers['x-dondoc-kind'] === kind && m.headers['x-dondoc-period'] === '2026')!;
      const prefix = kind === 'draft' ? 'du-thao-' : '';
      expect(msg.attachments.map((a) => a.filename)).toEqual(['docx', 'xlsx', 'html'].map((f) => `${prefix}bao-cao-tong-hop-son-la-37-ct-tw-2024-2026.${f}`));
      expect(msg.attachments.every((a) => a.size > 1000)).toBe(true);
    }
    for (const r of sim.reports) {
      for (const path of [r.docx, r.xlsx, r.html]) expect((await stat(path!)).size).toBeGreaterThan(1000);
      const wb = await readXlsx(await readFile(r.xlsx!));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Tiến độ nhiệm vụ', 'Tình hình báo cáo']);
    }
  });

  it('dondoc report and the web serve the files as sent, or rebuilt live from the submissions', async () => {
    const annual = sim.reports.find((r) => r.period === '2026')!;
    expect(served.sent).toMatchObject({ source: 'sent', filename: 'bao-cao-tong-hop-son-la-37-ct-tw-2024-2026.docx' });
    expect(served.sent!.bytes.equals(await readFile(annual.docx!))).toBe(true);
    expect(served.status!.cycles[0]!.reports).toMatchObject({ source: 'sent', docx: '/api/plans/son-la-37-ct-tw-2024/periods/2026/report.docx' });
    expect(served.http!.statusCode).toBe(200);
    expect(served.http!.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(served.http!.headers['x-dondoc-report-source']).toBe('sent');
    expect(served.http!.rawPayload.equals(served.sent!.bytes)).toBe(true);
    expect(served.badFormat!.statusCode).toBe(404);

    expect(served.live).toMatchObject({ source: 'live', filename: 'du-thao-bao-cao-tong-hop-son-la-37-ct-tw-2024-2026.xlsx', at: '2026-12-31T10:00:00+07:00' });
    const rows: Record<string, unknown> = {};
    (await readXlsx(served.live!.bytes)).getWorksheet('Tình hình báo cáo')!.eachRow((row) => (rows[String(row.getCell(2).value)] = row.getCell(5).value));
    expect(rows['Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh']).toBe('Chưa báo cáo');
    expect(rows['Báo Sơn La']).toBe('Chậm hạn');
  });
});
