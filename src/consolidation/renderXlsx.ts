/**
 * The consolidated report's annex as a workbook: targets, task progress and reporting status, one
 * sheet each, with typed cells (numbers, dates, percentages) so staff can sort, filter and sum them.
 * Reads the same `ConsolidatedReport` as the document, so every figure matches it.
 */
import ExcelJS from 'exceljs';
import type { ConsolidatedReport } from './consolidate.js';
import { CMP_VI, TARGET_STATUS_VI, TASK_STATUS_VI, TIMELINESS_VI } from './labels.js';
import { assertWellFormedPackage } from './wellFormed.js';

export const SHEETS = { targets: 'Chỉ tiêu', tasks: 'Tiến độ nhiệm vụ', completeness: 'Tình hình báo cáo' } as const;

const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const font = (size: number, bold?: boolean): Partial<ExcelJS.Font> => ({ name: 'Times New Roman', size, bold });

interface Col {
  header: string;
  width: number;
  numFmt?: string;
}

/** Excel has no time zones: a day or an instant is written as its wall-clock time in Việt Nam. */
const excelDay = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
function excelInstant(iso: string): Date {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()));
}
const numberFormat = (n: number | null) => (n === null || Number.isInteger(n) ? '#,##0' : '#,##0.0#');

/** Row 1: the sheet's title; row 2: the headers, frozen and filterable. */
function sheet(wb: ExcelJS.Workbook, name: string, title: string, cols: Col[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = cols.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.mergeCells(1, 1, 1, cols.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = font(13, true);
  t.alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = font(12, true);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, values: (string | number | Date | null)[], o: { bold?: boolean } = {}): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = font(12, o.bold);
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.border = BORDER;
  });
  return row;
}

export async function reportXlsx(r: ConsolidatedReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = r.standingAgency.name;
  wb.title = `Báo cáo tổng hợp ${r.periodLabel}`;
  wb.created = wb.modified = new Date(r.generatedAt);
  const caption = (what: string) => `${what} – ${r.periodLabel}${r.mode === 'draft' ? ' (dự thảo)' : ''}`;

  const targets = sheet(wb, SHEETS.targets, caption('KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'), [
    { header: 'TT', width: 5 },
    { header: 'Mã', width: 8 },
    { header: 'Chỉ tiêu', width: 50 },
    { header: 'So sánh', width: 8 },
    { header: 'Mục tiêu', width: 11 },
    { header: 'Đơn vị tính', width: 12 },
    { header: 'Năm', width: 7 },
    { header: 'Kết quả báo cáo', width: 12 },
    { header: 'Cơ quan báo cáo', width: 30 },
    { header: 'Đánh giá', width: 16 },
  ]);
  r.targets.forEach((t, i) => {
    const by = t.reported.find((p) => p.value === t.value_reported)?.agencyName ?? null;
    const row = addRow(targets, [i + 1, t.id, t.label, CMP_VI[t.comparison], t.value, t.unit, t.year, t.value_reported, by, TARGET_STATUS_VI[t.status]]);
    row.getCell(5).numFmt = numberFormat(t.value);
    row.getCell(8).numFmt = numberFormat(t.value_reported);
    row.getCell(7).numFmt = '0';
  });

  const tasks = sheet(wb, SHEETS.tasks, caption('TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ'), [
    { header: 'TT', width: 5 },
    { header: 'Mã nhiệm vụ', width: 10 },
    { header: 'Nhiệm vụ', width: 60 },
    { header: 'Cơ quan báo cáo', width: 30 },
    { header: 'Vai trò', width: 10 },
    { header: 'Tình trạng', width: 16 },
    { header: 'Tiến độ', width: 9, numFmt: '0%' },
    { header: 'Kết quả', width: 60 },
  ]);
  let n = 0;
  for (const t of r.tasks) {
    if (!t.reports.length) addRow(tasks, [++n, t.id, t.text, null, null, 'Chưa có báo cáo', null, null]);
    for (const p of t.reports)
      addRow(tasks, [
        ++n,
        t.id,
        t.text,
        p.agencyName,
        p.role === 'lead' ? 'Chủ trì' : 'Phối hợp',
        TASK_STATUS_VI[p.status],
        p.progress === null ? null : p.progress / 100,
        p.result,
      ]).getCell(7).numFmt = '0%';
  }

  const status = sheet(wb, SHEETS.completeness, caption('TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ'), [
    { header: 'TT', width: 5 },
    { header: 'Cơ quan, đơn vị', width: 45 },
    { header: 'Hạn báo cáo', width: 13, numFmt: 'dd/mm/yyyy' },
    { header: 'Ngày gửi', width: 17, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Tình trạng', width: 15 },
    { header: 'Số ngày làm việc chậm', width: 12 },
    { header: 'Số lần gửi', width: 9 },
    { header: 'Ghi chú', width: 35 },
  ]);
  r.completeness.rows.forEach((c, i) => {
    const row = addRow(status, [
      i + 1,
      c.agencyName,
      excelDay(c.lastDay),
      c.submittedAt ? excelInstant(c.submittedAt) : null,
      TIMELINESS_VI[c.timeliness],
      c.timeliness === 'late' ? c.workingDaysLate : null,
      c.revisions,
      [c.formerNames.length ? `Thay cho ${c.formerNames.join(', ')}` : '', c.exemptionReason ?? ''].filter(Boolean).join('; ') || null,
    ]);
    row.getCell(3).numFmt = 'dd/mm/yyyy';
    row.getCell(4).numFmt = 'dd/mm/yyyy hh:mm';
  });
  const tot = r.completeness.totals;
  status.addRow([]);
  const totals: [string, number, string][] = [
    ['Phải báo cáo', tot.obliged, '0'],
    ['Đúng hạn', tot.onTime, '0'],
    ['Chậm hạn', tot.late, '0'],
    ['Chưa báo cáo', tot.missing, '0'],
    ['Được miễn', tot.exempted, '0'],
    ['Tỷ lệ báo cáo đầy đủ', tot.completenessRate / 100, '0.0%'],
    ['Tỷ lệ đúng hạn', tot.timelinessRate / 100, '0.0%'],
  ];
  for (const [label, value, fmt] of totals) {
    const row = status.addRow([null, label, value]);
    row.getCell(2).font = font(12, true);
    row.getCell(3).numFmt = fmt;
    row.getCell(3).font = font(12, true);
  }

  // Never send a workbook Excel cannot open.
  return assertWellFormedPackage(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
}
