/**
 * The period × agency grid of a plan as a workbook (exceljs, as the consolidated report's annex): one
 * row per agency, one column per period, each cell the state the web grid shows (and its colour), then
 * the counts and rates per period. Officers keep and forward such tables in Excel.
 */
import ExcelJS from 'exceljs';
import type { CycleState } from '../../workflows/cycleWorkflow.js';
import type { Plan } from '../plan/schema.js';
import type { AgencyStatus } from '../reporting/types.js';
import { countPeriod } from './dashboardData.js';
import { cellKind, cellLabel, periodLabel, viDate, viDateTime, type CellKind } from './format.js';

const FILL: Record<CellKind, string> = { ontime: 'FFD5F0D9', late: 'FFFBE7B5', exempted: 'FFE3E6EB', overdue: 'FFF6C9C6', 'due-soon': 'FFFFF4CC', pending: 'FFF7F8FA' };
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** The text of a grid cell, as on the page: the state and its date. */
export function gridCellText(s: AgencyStatus, nowMs: number): string {
  const kind = cellKind(s, nowMs);
  const when =
    kind === 'ontime' || kind === 'late'
      ? ` ${viDate(s.submittedAt!.slice(0, 10))}${s.revisions > 1 ? `, ${s.revisions} lần` : ''}`
      : kind === 'pending' || kind === 'due-soon'
        ? ` – hạn ${viDate(s.lastDay)}`
        : '';
  return `${cellLabel[kind]}${when}`;
}

export async function gridWorkbook(plan: Plan, cycles: CycleState[], nowMs: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  const ws = wb.addWorksheet('Tình hình báo cáo', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 45 }, ...cycles.map(() => ({ width: 24 }))];
  const span = Math.max(1, cycles.length + 1);
  ws.mergeCells(1, 1, 1, span);
  ws.getCell(1, 1).value = `Tình hình báo cáo – ${plan.document.number ?? '(chưa có số)'} – ${plan.document.title}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.mergeCells(2, 1, 2, span);
  ws.getCell(2, 1).value = `Số liệu lúc ${viDateTime(new Date(nowMs).toISOString())}`;
  const header = ws.getRow(3);
  ['Cơ quan, đơn vị', ...cycles.map((c) => periodLabel(c.period))].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  const nameOf = (id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  const ids = plan.agencies.map((a) => a.id).filter((id) => cycles.some((c) => c.agencies.some((a) => a.agencyId === id)));
  const rows: { name: string; of: (c: CycleState) => AgencyStatus | undefined }[] = [
    ...ids.map((id) => ({ name: nameOf(id), of: (c: CycleState) => c.agencies.find((a) => a.agencyId === id) })),
    { name: `${nameOf(plan.standingAgency)} (báo cáo tổng hợp)`, of: (c: CycleState) => c.standing ?? undefined },
  ];
  for (const r of rows) {
    const row = ws.addRow([
      r.name,
      ...cycles.map((c) => {
        const s = r.of(c);
        return s ? gridCellText(s, nowMs) : '—';
      }),
    ]);
    cycles.forEach((c, i) => {
      const s = r.of(c);
      if (s) row.getCell(i + 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[cellKind(s, nowMs)] } };
    });
    row.eachCell({ includeEmpty: true }, (cell) => ((cell.border = BORDER), (cell.alignment = { wrapText: true, vertical: 'top' })));
  }
  const stats = cycles.map((c) => countPeriod(c.agencies, nowMs));
  const foot: [string, (s: (typeof stats)[number]) => number | string | null, string?][] = [
    ['Đã nộp đúng hạn', (s) => s.counts.ontime],
    ['Nộp muộn', (s) => s.counts.late],
    ['Quá hạn', (s) => s.counts.overdue],
    ['Miễn báo cáo', (s) => s.counts.exempted],
    ['Tỷ lệ đầy đủ', (s) => s.completeness, '0%'],
    ['Tỷ lệ đúng hạn', (s) => s.timeliness, '0%'],
  ];
  for (const [label, value, numFmt] of foot) {
    const row = ws.addRow([label, ...stats.map((s) => value(s) ?? '–')]);
    row.getCell(1).font = { bold: true };
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      if (numFmt && col > 1) cell.numFmt = numFmt;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
