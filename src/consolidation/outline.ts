/**
 * The consolidated report laid out as a document: headings, paragraphs, bullets and tables with their
 * final Vietnamese text. DOCX, HTML and plain text render this one outline, so the three never disagree
 * on a word or a number; the XLSX annex reads the same `ConsolidatedReport` for typed cells.
 */
import { viDate } from '../calendar/isoDate.js';
import type { ConsolidatedReport } from './consolidate.js';
import { CMP_VI, num, TARGET_STATUS_VI, TASK_STATUS_VI, TIMELINESS_VI, withUnit } from './labels.js';
import type { Letterhead } from './letterhead.js';

export type Align = 'left' | 'center' | 'right';
export interface Column {
  title: string;
  /** Width in millimetres on the A4 page (165 mm of text); other renderers take it as a proportion. */
  width: number;
  align: Align;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  /** A task's line in section II: bold, kept with the results under it. */
  | { kind: 'subheading'; text: string }
  /** A labelled line: "label: text", label in bold (an agency's report, a task's lead). */
  | { kind: 'item'; label: string; text: string; quoted?: boolean }
  | { kind: 'table'; id: 'targets' | 'completeness'; columns: Column[]; rows: string[][]; totals?: string[] };

export interface ReportOutline {
  letterhead: Letterhead;
  draft: boolean;
  documentType: 'BÁO CÁO';
  body: Block[];
  annex: { title: string; subtitle: string; blocks: Block[] };
  /** In the draft: which deadlines were assumed rather than stated by the plan. */
  notes: string[];
}

const sub = (r: ConsolidatedReport) => r.completeness.totals;

export function reportOutline(r: ConsolidatedReport, letterhead: Letterhead): ReportOutline {
  const t = sub(r);
  const planName = r.documentRef.number ? `Kế hoạch số ${r.documentRef.number}` : 'Kế hoạch';
  const body: Block[] = [
    { kind: 'heading', text: 'I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC THỰC HIỆN' },
    {
      kind: 'paragraph',
      text: `Thực hiện ${planName} của ${r.documentRef.issuer}, ${r.standingAgency.name} (cơ quan thường trực) đã gửi Kế hoạch đến ${r.dispatch.agencies} cơ quan, đơn vị với ${r.dispatch.tasks} nhiệm vụ và ${r.dispatch.targets} chỉ tiêu; theo dõi, đôn đốc các cơ quan, đơn vị báo cáo kết quả thực hiện ${r.periodLabel}.`,
    },
    {
      kind: 'paragraph',
      text: `Đến ngày ${viDate(r.generatedAt.slice(0, 10))}, đã nhận ${t.onTime + t.late}/${t.obliged} báo cáo (đúng hạn ${t.onTime}, chậm hạn ${t.late}); chưa báo cáo ${t.missing}; được miễn ${t.exempted}. Tỷ lệ báo cáo đầy đủ ${num(t.completenessRate)}%, đúng hạn ${num(t.timelinessRate)}% (chi tiết tại Phụ lục).`,
    },
    ...r.narratives.map((n): Block => ({ kind: 'item', label: n.agencyName, text: n.text })),
    { kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ' },
    ...taskResults(r),
    { kind: 'heading', text: 'III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU' },
    r.targets.length
      ? {
          kind: 'table',
          id: 'targets',
          columns: [
            { title: 'TT', width: 9, align: 'center' },
            { title: 'Chỉ tiêu', width: 52, align: 'left' },
            { title: 'Mục tiêu', width: 22, align: 'center' },
            { title: 'Năm', width: 13, align: 'center' },
            { title: 'Kết quả báo cáo', width: 22, align: 'right' },
            { title: 'Cơ quan báo cáo', width: 27, align: 'left' },
            { title: 'Đánh giá', width: 20, align: 'center' },
          ],
          rows: r.targets.map((x, i) => {
            const by = x.reported.find((p) => p.value === x.value_reported)?.agencyName ?? '';
            return [
              String(i + 1),
              x.label,
              `${CMP_VI[x.comparison]} ${withUnit(x.value, x.unit)}`,
              String(x.year),
              x.value_reported === null ? '—' : withUnit(x.value_reported, x.unit),
              by,
              TARGET_STATUS_VI[x.status],
            ];
          }),
        }
      : { kind: 'paragraph', text: 'Kế hoạch không đặt chỉ tiêu định lượng.' },
    { kind: 'heading', text: 'IV. KHÓ KHĂN, VƯỚNG MẮC' },
    ...quotedOrNone(r.difficulties, 'Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.'),
    { kind: 'heading', text: 'V. KIẾN NGHỊ, ĐỀ XUẤT' },
    ...quotedOrNone(r.recommendations, 'Các cơ quan, đơn vị không có kiến nghị, đề xuất.'),
  ];

  const annex: Block[] = [
    {
      kind: 'table',
      id: 'completeness',
      columns: [
        { title: 'TT', width: 9, align: 'center' },
        { title: 'Cơ quan, đơn vị', width: 55, align: 'left' },
        { title: 'Hạn báo cáo', width: 22, align: 'center' },
        { title: 'Ngày gửi', width: 22, align: 'center' },
        { title: 'Tình trạng', width: 25, align: 'center' },
        { title: 'Số ngày làm việc chậm', width: 18, align: 'center' },
        { title: 'Số lần gửi', width: 14, align: 'center' },
      ],
      rows: r.completeness.rows.map((c, i) => [
        String(i + 1),
        c.agencyName + (c.formerNames.length ? ` (thay cho ${c.formerNames.join(', ')})` : ''),
        viDate(c.lastDay),
        c.submittedAt ? viDate(c.submittedAt.slice(0, 10)) : '—',
        TIMELINESS_VI[c.timeliness] + (c.timeliness === 'exempted' && c.exemptionReason ? ` (${c.exemptionReason})` : ''),
        c.timeliness === 'late' ? String(c.workingDaysLate) : '',
        String(c.revisions),
      ]),
      totals: ['', `Tổng cộng: ${t.obliged} cơ quan, đơn vị phải báo cáo`, '', '', `Đã gửi ${t.onTime + t.late}/${t.obliged}`, '', ''],
    },
    {
      kind: 'paragraph',
      text: `Đúng hạn: ${t.onTime}; chậm hạn: ${t.late}; chưa báo cáo: ${t.missing}; được miễn: ${t.exempted}. Tỷ lệ báo cáo đầy đủ: ${num(t.completenessRate)}%; tỷ lệ đúng hạn: ${num(t.timelinessRate)}%.`,
    },
  ];

  return {
    letterhead,
    draft: r.mode === 'draft',
    documentType: 'BÁO CÁO',
    body,
    annex: {
      title: 'PHỤ LỤC',
      subtitle: `TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ – ${r.periodLabel.toLocaleUpperCase('vi')}`,
      blocks: annex,
    },
    // Assumed deadlines are for the standing agency's review (the draft), not for the Province.
    notes: r.mode === 'draft' ? r.assumptions : [],
  };
}

function quotedOrNone(items: { agencyName: string; text: string }[], none: string): Block[] {
  return items.length ? items.map((d) => ({ kind: 'item', label: d.agencyName, text: d.text, quoted: true })) : [{ kind: 'paragraph', text: none }];
}

/** "chủ trì: Sở Tài chính; phối hợp: …", or, in words, that the plan gives the task to no one. */
function leadLine(task: ConsolidatedReport['tasks'][number]): string {
  // A task given to every agency (seed 004's V.10) would list them all: the count says it, the results name them.
  const lead = task.lead.length > MAX_NAMED_LEADS ? `chủ trì: ${task.lead.length} cơ quan, đơn vị` : task.lead.length ? `chủ trì: ${task.lead.join(', ')}` : NO_LEAD;
  return `${lead}${task.cooperating.length ? `; phối hợp: ${task.cooperating.join(', ')}` : ''}`;
}
export const NO_LEAD = 'chưa giao đơn vị chủ trì';
const MAX_NAMED_LEADS = 4;

/**
 * Section II reports what the agencies did: each task that has results, named by its section and caption
 * (not its whole text again), each agency's status, progress and result under it; then, briefly, the tasks
 * nobody reported on, those given to no agency apart.
 */
function taskResults(r: ConsolidatedReport): Block[] {
  const reported = r.tasks.filter((t) => t.reports.length);
  const silent = r.tasks.filter((t) => !t.reports.length && t.lead.length + t.cooperating.length > 0);
  const unassigned = r.tasks.filter((t) => !t.reports.length && t.lead.length + t.cooperating.length === 0);
  return [
    {
      kind: 'paragraph',
      text: `Các cơ quan, đơn vị đã báo cáo kết quả thực hiện ${reported.length}/${r.tasks.length} nhiệm vụ${unassigned.length ? ` (${unassigned.length} nhiệm vụ, giải pháp Kế hoạch chưa giao đơn vị chủ trì)` : ''}.`,
    },
    ...reported.flatMap((task, i): Block[] => [
      { kind: 'subheading', text: `${i + 1}. Nhiệm vụ ${task.section}: ${task.caption} (${leadLine(task)}).` },
      ...task.reports.map((p): Block => ({
        kind: 'item',
        label: `${p.agencyName} (${p.role === 'lead' ? 'chủ trì' : 'phối hợp'})`,
        text: `${TASK_STATUS_VI[p.status]}${p.progress !== null ? ` (${num(p.progress)}%)` : ''}. ${p.result}`,
      })),
    ]),
    ...(silent.length
      ? [
          { kind: 'subheading', text: `${reported.length + 1}. Nhiệm vụ chưa có báo cáo kết quả` } as Block,
          ...silent.map((t): Block => ({ kind: 'item', label: `Nhiệm vụ ${t.section}`, text: `${t.caption} (${leadLine(t)}).` })),
        ]
      : []),
    ...(unassigned.length
      ? [
          { kind: 'subheading', text: `${reported.length + (silent.length ? 2 : 1)}. Nhiệm vụ, giải pháp chưa giao đơn vị chủ trì` } as Block,
          ...unassigned.map((t): Block => ({ kind: 'item', label: `Nhiệm vụ ${t.section}`, text: `${t.caption} (Kế hoạch ${NO_LEAD}; chưa có báo cáo).` })),
        ]
      : []),
  ];
}
