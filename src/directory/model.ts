/**
 * The province's agency directory, shared by every plan: an agency's stable id, its names over time, its
 * kind, its contacts (focal points and heads, several of each) and its successors from a date, with the
 * functions and tasks that pass to each. One zod schema, with Vietnamese messages, is used by the edit
 * form, the CSV/XLSX import and the repository. Pure (zod only).
 */
import { z } from 'zod';
import { agencyKinds } from '../plan/schema.js';

export type AgencyKind = (typeof agencyKinds)[number];

/** What an officer reads for each kind (the plan files' `kind`). */
export const kindLabel: Readonly<Record<AgencyKind, string>> = {
  'provincial-committee': 'UBND tỉnh',
  department: 'Sở',
  board: 'Ban',
  'mass-organisation': 'Đoàn thể',
  association: 'Hội, hiệp hội',
  media: 'Cơ quan báo chí',
  district: 'UBND cấp huyện',
  commune: 'UBND cấp xã',
  school: 'Cơ sở giáo dục',
  enterprise: 'Doanh nghiệp',
  ministry: 'Bộ, ngành Trung ương',
  other: 'Khác',
};

export const contactRoleLabel = { focal: 'Đầu mối', head: 'Thủ trưởng' } as const;

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const idField = (what: string) =>
  z
    .string({ error: `${what}: bắt buộc phải có` })
    .trim()
    .regex(ID, { error: `${what}: chữ thường không dấu, số, "-" hoặc "." (ví dụ son-la.so-tai-chinh)` });

const dayField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày không hợp lệ (dd/mm/yyyy)' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const dt = new Date(Date.UTC(y, m - 1, d));
      return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
    },
    { error: 'Ngày không có thật' },
  );

const text = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what}: bắt buộc phải có` })
    .transform((s) => s.normalize('NFC'));
/** Blank is absent (a form's empty field, a CSV's empty cell); text is NFC. */
const blankIsAbsent = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().normalize('NFC')) : v === null ? undefined : v);
const optionalText = z.preprocess(blankIsAbsent, z.string().optional());

export const directoryNameSchema = z
  .strictObject({
    name: text('Tên'),
    shortName: optionalText,
    /** First day the name is used; null: since before dondoc knew it. */
    from: dayField.nullable().default(null),
    /** Last day the name is used; null: still used (or until the agency is succeeded). */
    to: dayField.nullable().default(null),
  })
  .refine((n) => !n.from || !n.to || n.from <= n.to, { error: 'Ngày bắt đầu sau ngày kết thúc', path: ['to'] });

export const directoryContactSchema = z.strictObject({
  role: z.enum(['focal', 'head'], { error: 'Vai trò phải là "đầu mối" hoặc "thủ trưởng"' }),
  name: optionalText,
  /** e.g. "Giám đốc", "Chuyên viên phòng Lao động - Việc làm". */
  title: optionalText,
  email: z.email({ error: 'Địa chỉ thư không hợp lệ' }),
  phone: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .regex(/^[0-9 +().-]{1,20}$/, { error: 'Số điện thoại chỉ gồm chữ số, dấu cách, +, -, (, ), tối đa 20 ký tự' })
      .optional(),
  ),
  /** A stand-in address copied from a plan file (example.gov.vn): shown as such, never preferred over a real one. */
  placeholder: z.boolean().default(false),
});

export const successorShareSchema = z.strictObject({
  agencyId: idField('Cơ quan kế thừa'),
  /** The function this successor takes over, in words ("giáo dục nghề nghiệp"). */
  functions: optionalText,
  /** Tasks that pass to this successor, as `<planId>:<taskId>`; tasks not listed go to the first successor. */
  tasks: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*:[a-z0-9]+(?:[-.][a-z0-9]+)*$/, { error: 'Nhiệm vụ phải ghi dạng <mã kế hoạch>:<mã nhiệm vụ>' }),
    )
    .default([]),
});

export const successionSchema = z.strictObject({
  /** The first day the successors take over. */
  from: dayField,
  to: z.array(successorShareSchema).min(1, { error: 'Cần ít nhất một cơ quan kế thừa' }),
  /** The decision or resolution that made the change. */
  basis: optionalText,
});

export const directoryAgencySchema = z
  .strictObject({
    id: idField('Mã cơ quan'),
    province: text('Tỉnh'),
    kind: z.enum(agencyKinds, { error: 'Loại cơ quan không hợp lệ' }),
    names: z.array(directoryNameSchema).min(1, { error: 'Cần ít nhất một tên' }),
    contacts: z.array(directoryContactSchema).default([]),
    successor: successionSchema.nullable().default(null),
    note: optionalText,
  })
  .superRefine((a, ctx) => {
    a.successor?.to.forEach((s, i) => {
      if (s.agencyId === a.id) ctx.addIssue({ code: 'custom', path: ['successor', 'to', i, 'agencyId'], message: 'Một cơ quan không thể kế thừa chính nó' });
    });
    const seen = new Set<string>();
    a.successor?.to.forEach((s, i) => {
      if (seen.has(s.agencyId)) ctx.addIssue({ code: 'custom', path: ['successor', 'to', i, 'agencyId'], message: `Cơ quan kế thừa "${s.agencyId}" có hai lần` });
      seen.add(s.agencyId);
    });
    a.names.forEach((n, i) => {
      if (a.successor && n.to && n.to >= a.successor.from) {
        ctx.addIssue({ code: 'custom', path: ['names', i, 'to'], message: 'Tên còn dùng sau ngày cơ quan được kế thừa' });
      }
    });
  });

export type DirectoryAgencyInput = z.input<typeof directoryAgencySchema>;
export type DirectoryAgency = z.output<typeof directoryAgencySchema>;
export type DirectoryContact = DirectoryAgency['contacts'][number];
export type DirectorySuccession = NonNullable<DirectoryAgency['successor']>;

/** A stored agency: the validated record plus its revision (bumped by every change). */
export type StoredAgency = DirectoryAgency & { revision: number; updatedAt: string };

/** The directory as the pure resolution reads it (a snapshot taken once per use). */
export interface DirectorySnapshot {
  agencies: readonly DirectoryAgency[];
}

export const emptyDirectory: DirectorySnapshot = { agencies: [] };

/** The name an agency bears on `day`: the interval holding it, else the latest that started before it, else the first. */
export function nameOn(agency: Pick<DirectoryAgency, 'names'>, day: string): DirectoryAgency['names'][number] {
  const names = agency.names;
  const holding = names.find((n) => (n.from ?? '0000') <= day && day <= (n.to ?? '9999'));
  if (holding) return holding;
  const before = names.filter((n) => (n.from ?? '0000') <= day).sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  return before.at(-1) ?? names[0]!;
}

/** The agency has been succeeded (merged away, split, dissolved into others) by `day`. */
export const succeededBy = (agency: Pick<DirectoryAgency, 'successor'>, day: string): boolean => !!agency.successor && agency.successor.from <= day;

/** Zod issues as "field: reason" lines, Vietnamese, for forms and the import report. */
export function issueLines(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
