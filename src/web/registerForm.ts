/**
 * The review form of a draft plan: the values an officer corrects (document, standing agency, agencies and
 * their contacts, deadlines, targets, recipients, leaders), each an input named by its path in the plan
 * ("reporting.obligations[0].deadlines[1].day"), so a schema error lands next to the field it names. What
 * was typed is applied onto the draft as typed: a value that does not convert stays a string for the
 * schema to refuse, and the form shows it again unchanged. Pure.
 */
import { parseViDate } from '../edge/dates.js';
import { viIssueMessage } from '../edge/messages.js';
import { formatViNumber, parseViNumber } from '../edge/viNumber.js';
import { formatPath } from '../plan/load.js';
import { comparisons, deadlineRules, planSchema, type Plan, type PlanInput } from '../plan/schema.js';

export type FieldKind = 'text' | 'textarea' | 'int' | 'number' | 'email' | 'date' | 'select' | 'checkbox';
export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  options?: { value: string; label: string }[];
  /** A datalist of known values offered as the officer types (agency names, provinces). */
  list?: 'agencies' | 'provinces';
  /** Empty means null (a number or date the document leaves blank). */
  nullable?: boolean;
}
export interface FieldRow {
  title: string;
  fields: Field[];
  /** The plan path whose evidence the row cites (the importer's `evidence[].path`). */
  evidencePath: string;
  note?: string;
}
export interface FieldGroup {
  id: string;
  title: string;
  rows: FieldRow[];
}
export type FormValues = Record<string, string>;

const RULE_VI: Record<(typeof deadlineRules)[number], string> = { before: 'trước ngày', by: 'chậm nhất ngày' };
const PERIOD_VI: Record<string, string> = { month: 'Hằng tháng', quarter: 'Hằng quý', H1: '6 tháng', '9M': '9 tháng', year: 'Hằng năm', review: 'Sơ kết / tổng kết' };
const ROLE_VI: Record<string, string> = { focal: 'Thư điện tử đầu mối', head: 'Thư điện tử thủ trưởng' };

type Json = Record<string, unknown>;
const keysOf = (path: string) => path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
function getPath(obj: unknown, path: string): unknown {
  return keysOf(path).reduce<unknown>((o, k) => (o === null || typeof o !== 'object' ? undefined : (o as Json)[k]), obj);
}
function setPath(obj: unknown, path: string, value: unknown): void {
  const keys = keysOf(path);
  const parent = keys.slice(0, -1).reduce<unknown>((o, k) => (o as Json)[k], obj) as Json;
  parent[keys.at(-1)!] = value;
}

/** The fields of a draft: every value the review may correct, in the order of the document. */
export function fieldsOf(plan: PlanInput): FieldGroup[] {
  const agencyOptions = plan.agencies.map((a) => ({ value: a.id, label: a.name }));
  const document: FieldRow[] = [
    { title: 'Số ký hiệu', evidencePath: 'document.number', fields: [{ name: 'document.number', label: 'Số ký hiệu', kind: 'text', nullable: true }] },
    { title: 'Ngày ban hành', evidencePath: 'document.issuedOn', fields: [{ name: 'document.issuedOn', label: 'Ngày ban hành (dd/mm/yyyy)', kind: 'date', nullable: true }] },
    { title: 'Trích yếu', evidencePath: 'document.title', fields: [{ name: 'document.title', label: 'Trích yếu', kind: 'textarea' }] },
    {
      title: 'Cơ quan ban hành',
      evidencePath: 'document.issuer',
      fields: [
        { name: 'document.issuer', label: 'Cơ quan ban hành', kind: 'text' },
        { name: 'document.province', label: 'Tỉnh, thành phố', kind: 'text', list: 'provinces' },
      ],
    },
    {
      title: 'Thời gian thực hiện',
      evidencePath: 'document.horizon',
      fields: [
        { name: 'document.horizon.from', label: 'Từ năm', kind: 'int' },
        { name: 'document.horizon.to', label: 'Đến năm', kind: 'int' },
      ],
    },
    { title: 'Cơ quan thường trực', evidencePath: 'standingAgency', fields: [{ name: 'standingAgency', label: 'Cơ quan thường trực', kind: 'select', options: agencyOptions }] },
  ];
  const agencies: FieldRow[] = plan.agencies.map((a, i) => ({
    title: a.name,
    evidencePath: `agencies[${i}].name`,
    ...(a.note ? { note: a.note } : {}),
    fields: [
      { name: `agencies[${i}].name`, label: 'Tên cơ quan', kind: 'text', list: 'agencies' },
      ...(a.contacts ?? []).map((c, j) => ({ name: `agencies[${i}].contacts[${j}].email`, label: ROLE_VI[c.role] ?? 'Thư điện tử', kind: 'email' as const })),
    ],
  }));
  const deadlines: FieldRow[] = (plan.reporting.obligations ?? []).flatMap((o, i) =>
    (o.deadlines ?? []).map((d, j) => {
      const p = `reporting.obligations[${i}].deadlines[${j}]`;
      return {
        title: `${o.kind === 'consolidated-report' ? 'Cơ quan thường trực báo cáo lên' : 'Các cơ quan báo cáo'} – ${d.label ?? PERIOD_VI[d.period] ?? d.period}`,
        evidencePath: p,
        ...(o.assumed && o.assumptionNote ? { note: o.assumptionNote } : {}),
        fields: [
          { name: `${p}.rule`, label: 'Cách tính', kind: 'select' as const, options: deadlineRules.map((r) => ({ value: r, label: RULE_VI[r] })) },
          { name: `${p}.day`, label: 'Ngày', kind: 'int' as const },
          ...(d.month !== undefined ? [{ name: `${p}.month`, label: 'Tháng', kind: 'int' as const }] : []),
          ...(d.year !== undefined ? [{ name: `${p}.year`, label: 'Năm', kind: 'int' as const }] : []),
          { name: `${p}.assumed`, label: 'Giả định (văn bản không nêu)', kind: 'checkbox' as const },
        ],
      };
    }),
  );
  const targets: FieldRow[] = (plan.targets ?? []).map((t, i) => ({
    title: t.label,
    evidencePath: `targets[${i}]`,
    fields: [
      { name: `targets[${i}].label`, label: 'Chỉ tiêu', kind: 'text' },
      { name: `targets[${i}].comparison`, label: 'So sánh', kind: 'select', options: comparisons.map((c) => ({ value: c, label: c })) },
      { name: `targets[${i}].value`, label: 'Giá trị (ví dụ 63,5)', kind: 'number' },
      { name: `targets[${i}].unit`, label: 'Đơn vị', kind: 'text' },
      { name: `targets[${i}].year`, label: 'Năm', kind: 'int' },
    ],
  }));
  const recipients: FieldRow[] = (plan.recipients ?? []).map((r, i) => ({
    title: r.name,
    evidencePath: `recipients[${i}]`,
    fields: [
      { name: `recipients[${i}].name`, label: 'Nơi nhận', kind: 'text' },
      { name: `recipients[${i}].email`, label: 'Thư điện tử', kind: 'email' },
    ],
  }));
  const leaders: FieldRow[] = plan.leadership.map((l, i) => ({
    title: l.role,
    evidencePath: `leadership[${i}]`,
    fields: [
      { name: `leadership[${i}].role`, label: 'Chức vụ', kind: 'text' },
      { name: `leadership[${i}].name`, label: 'Họ tên', kind: 'text' },
      { name: `leadership[${i}].email`, label: 'Thư điện tử', kind: 'email' },
    ],
  }));
  return [
    { id: 'document', title: 'Văn bản', rows: document },
    { id: 'agencies', title: 'Cơ quan, đơn vị', rows: agencies },
    { id: 'deadlines', title: 'Hạn báo cáo', rows: deadlines },
    { id: 'targets', title: 'Chỉ tiêu', rows: targets },
    { id: 'recipients', title: 'Nơi nhận báo cáo tổng hợp', rows: recipients },
    { id: 'leaders', title: 'Lãnh đạo nhận báo cáo đôn đốc', rows: leaders },
  ];
}

export const allFields = (groups: readonly FieldGroup[]) => groups.flatMap((g) => g.rows.flatMap((r) => r.fields));

/** The draft's values as the form shows them: numbers the Vietnamese way, dates dd/mm/yyyy. */
export function valuesOf(plan: PlanInput, groups = fieldsOf(plan)): FormValues {
  const out: FormValues = {};
  for (const f of allFields(groups)) {
    const v = getPath(plan, f.name);
    out[f.name] =
      v === null || v === undefined
        ? ''
        : f.kind === 'checkbox'
          ? v === true
            ? 'on'
            : ''
          : f.kind === 'number' && typeof v === 'number'
            ? formatViNumber(v)
            : f.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
              ? v.split('-').reverse().join('/')
              : String(v);
  }
  return out;
}

/** A field's typed text → the plan's value; what does not convert stays as typed, for the schema to refuse. */
function convert(f: Field, typed: string): unknown {
  const t = typed.trim().normalize('NFC');
  if (f.kind === 'checkbox') return t !== '';
  if (f.nullable && t === '') return null;
  if (f.kind === 'int') return /^-?\d+$/.test(t) ? Number(t) : t;
  if (f.kind === 'number') {
    const n = parseViNumber(t);
    return Number.isNaN(n) ? t : n;
  }
  if (f.kind === 'date') return parseViDate(t) ?? t;
  return t;
}

/** The draft with the typed values applied: contacts the officer changed are no longer placeholders. */
export function applyValues(draft: PlanInput, values: FormValues, groups = fieldsOf(draft)): PlanInput {
  const plan = structuredClone(draft);
  const before = valuesOf(draft, groups);
  for (const f of allFields(groups)) {
    const typed = values[f.name] ?? '';
    setPath(plan, f.name, convert(f, typed));
    // An address typed by the officer is a real one: the placeholder flag goes.
    if (f.kind === 'email' && typed.trim() !== before[f.name]) {
      const owner = f.name.replace(/\.email$/, '');
      if (getPath(plan, `${owner}.placeholder`) !== undefined) setPath(plan, `${owner}.placeholder`, false);
    }
  }
  for (const o of plan.reporting.obligations ?? []) {
    const assumed = (o.deadlines ?? []).some((d) => d.assumed);
    o.assumed = assumed;
    if (assumed && !o.assumptionNote) o.assumptionNote = 'Văn bản không nêu hạn: hạn do cán bộ đặt khi đăng ký kế hoạch.';
  }
  if (plan.document.number && plan.document.issuedOn) plan.document.draft = false;
  return plan;
}

/** The plan schema's own (English) refinements, said in Vietnamese next to the field. */
const CUSTOM_VI: [RegExp, (...m: string[]) => string][] = [
  [/^must be lowercase ASCII words/, () => 'Chỉ gồm chữ thường không dấu và số, nối bằng "-" hoặc "."'],
  [/^must be a date as YYYY-MM-DD$|^is not a real calendar date$/, () => 'Ngày không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)'],
  [/^day (\d+) does not exist in month (\d+)$/, (_, d, m) => `Tháng ${m} không có ngày ${d}`],
  [/^a (\w+) deadline needs the month of its day$/, () => 'Cần tháng của ngày hạn'],
  [/^a review deadline needs the year it is due$/, () => 'Sơ kết, tổng kết cần năm đến hạn'],
  [/^unknown agency "(.+)"$/, (_, a) => `Không có cơ quan "${a}" trong kế hoạch`],
  [/^unknown agency, person or recipient "(.+)"$/, (_, a) => `Không có cơ quan, người hay nơi nhận "${a}" trong kế hoạch`],
  [/^unknown leadership person "(.+)"$/, (_, a) => `Không có lãnh đạo "${a}" trong kế hoạch`],
  [/^duplicate \w+ id "(.+)"$/, (_, a) => `Mã "${a}" bị trùng`],
  [/^the horizon ends before it starts$/, () => 'Năm kết thúc trước năm bắt đầu'],
  [/^a deadline is assumed/, () => 'Có hạn giả định: nghĩa vụ phải ghi là giả định'],
  [/^an assumed deadline needs a note/, () => 'Hạn giả định cần ghi chú lý do'],
  [/^a (\w+) obligation needs at least one deadline$/, () => 'Cần ít nhất một hạn báo cáo'],
];
export function viPlanMessage(message: string): string {
  for (const [re, say] of CUSTOM_VI) {
    const m = re.exec(message);
    if (m) return say(...m);
  }
  return message;
}

export type FormCheck = { ok: true; plan: Plan; input: PlanInput } | { ok: false; input: PlanInput; errors: Record<string, string>; general: string[] };

/** Applies the typed values and validates with the plan schema: errors by field, the rest listed with their path. */
export function checkForm(draft: PlanInput, values: FormValues): FormCheck {
  const groups = fieldsOf(draft);
  const input = applyValues(draft, values, groups);
  const parsed = planSchema.safeParse(input);
  if (parsed.success) return { ok: true, plan: parsed.data, input };
  const names = new Set(allFields(groups).map((f) => f.name));
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of parsed.error.issues) {
    const path = formatPath(issue.path);
    const message = viPlanMessage(viIssueMessage(issue));
    if (names.has(path)) errors[path] ??= message;
    else general.push(path ? `${path}: ${message}` : message);
  }
  return { ok: false, input, errors, general };
}
