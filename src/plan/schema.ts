/**
 * The plan file format (plans/*.yaml): one implementation plan (Kế hoạch) or official letter (Công văn)
 * as dondoc runs it. The document's own words are kept verbatim (titles, agency names, task texts, the
 * reporting sentences in `statedText`/`quote`); what the text leaves implicit (contacts, recipients'
 * addresses, a missing deadline) is configuration and is marked `placeholder: true` or `assumed: true`.
 *
 * Cross-references (agency ids used by tasks, obligations, successors) are checked in `crossCheck`,
 * so an error names the field path that holds the unknown id.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'must be lowercase ASCII words joined by "-" or "." (e.g. so-noi-vu)');

/** ISO calendar date, checked to exist (2026-02-30 is rejected). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24h)');

export const contactSchema = z.strictObject({
  role: z.enum(['focal', 'head']).describe('focal: đầu mối nhận và nộp báo cáo; head: thủ trưởng cơ quan'),
  name: z.string().optional(),
  title: z.string().optional().describe('e.g. "Giám đốc", "Chuyên viên phòng Giáo dục nghề nghiệp"'),
  email: z.email(),
  phone: z.string().optional(),
  placeholder: z.boolean().default(false).describe('true when the document does not give this contact and the value is a stand-in to replace'),
});

export const agencyKinds = [
  'provincial-committee',
  'department',
  'board',
  'mass-organisation',
  'association',
  'media',
  'district',
  'commune',
  'school',
  'enterprise',
  'ministry',
  'other',
] as const;

export const successionSchema = z.strictObject({
  from: isoDate.describe('the first day the successor takes over'),
  agencyIds: z.array(id).min(1).describe('one successor (rename/merger) or several (split by function)'),
  functions: z.record(z.string(), z.string()).optional().describe('for a split: successor agency id → the function it takes over (e.g. "giáo dục nghề nghiệp")'),
  tasks: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('for a split: successor agency id → the task ids of this plan it takes over; other tasks go to the first successor'),
  basis: z.string().optional().describe('the decision or resolution that made the change'),
});

export const agencySchema = z.strictObject({
  id,
  name: z.string().min(1).describe('the name as the document writes it'),
  shortName: z.string().optional(),
  kind: z.enum(agencyKinds),
  contacts: z.array(contactSchema).default([]),
  successor: successionSchema.optional(),
  directoryId: z
    .string()
    .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/)
    .optional()
    .describe('the agency in the province directory (src/directory); default: <province slug>.<id>, e.g. son-la.so-tai-chinh'),
  note: z.string().optional(),
});

export const personSchema = z.strictObject({
  id,
  role: z.string().min(1).describe('e.g. "Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực văn hoá - xã hội"'),
  name: z.string().optional(),
  email: z.email(),
  placeholder: z.boolean().default(false),
});

export const recipientSchema = z.strictObject({
  id,
  name: z.string().min(1),
  email: z.email(),
  placeholder: z.boolean().default(false),
  successor: z
    .strictObject({ from: isoDate, name: z.string().min(1), email: z.email().optional() })
    .optional()
    .describe('e.g. Bộ LĐTBXH → Bộ Nội vụ from 2025-03-01'),
});

export const comparisons = ['>=', '<=', '=', '>', '<'] as const;

export const targetSchema = z.strictObject({
  id,
  label: z.string().min(1),
  value: z.number(),
  unit: z.string().describe('"%", "người", "lượt người", ...'),
  comparison: z.enum(comparisons).describe('">=" for "đạt", "ít nhất", "trên"; "<=" for "giảm xuống còn", "dưới"; "=" when exact'),
  year: z.number().int().min(2000).max(2100),
  quote: z.string().min(1).describe('the sentence of the document that states the target, verbatim'),
  reportedBy: z.array(id).default([]).describe('agencies expected to report a value; empty: the standing agency'),
});

export const taskSchema = z.strictObject({
  id,
  title: z.string().optional().describe('the heading of the task group, verbatim'),
  text: z.string().min(1).describe('the task, verbatim'),
  lead: z.array(id).default([]).describe('cơ quan chủ trì'),
  cooperating: z.array(id).default([]).describe('cơ quan phối hợp'),
  timing: z.string().optional().describe('thời gian thực hiện, verbatim ("Thường xuyên", "Năm 2022"...)'),
  section: z.string().optional().describe('where it stands in the document, e.g. "IV.3.b"'),
});

export const deadlineRules = ['before', 'by'] as const;

/**
 * The period types of Decree 09/2019/NĐ-CP (Art. 12) plus reviews. Period ids (src/calendar/periods.ts):
 * month `YYYY-MMM` (2026-M03), quarter `YYYY-Qn`, H1 `YYYY-H1`, 9M `YYYY-9M`, year `YYYY`,
 * review `YYYY-SK` / `YYYY-TK`; ad-hoc requests `DX-YYYYMMDD-n`.
 */
export const deadlinePeriods = ['month', 'quarter', 'H1', '9M', 'year', 'review'] as const;

export const deadlineSchema = z
  .strictObject({
    period: z
      .enum(deadlinePeriods)
      .describe('month: monthly (YYYY-MMM); quarter: quarterly (YYYY-Qn); H1: 6-month (YYYY-H1); 9M: 9-month (YYYY-9M); year: annual (YYYY); review: a one-off review'),
    rule: z.enum(deadlineRules).describe('before: "trước ngày D" (last day D−1); by: "chậm nhất ngày D", "đến ngày D"'),
    day: z.number().int().min(1).max(31),
    month: z.number().int().min(1).max(12).optional().describe('the month of the stated date; required for H1, 9M, year and review; not used by month and quarter'),
    monthsAfter: z
      .number()
      .int()
      .min(0)
      .max(3)
      .optional()
      .describe(
        'month and quarter only: how many months after the period\'s (last) month the stated day falls; default 0 ("trước ngày 16 hằng tháng": the month itself; 1: "ngày 5 tháng sau")',
      ),
    dataCutOffDay: z
      .number()
      .int()
      .min(1)
      .max(31)
      .optional()
      .describe(
        'the day of the period\'s last month on which its data stop, when the plan states one ("thời gian báo cáo tính từ ngày 15 tháng trước đến ngày 14"); the data start the day after it in the month before the period; 31: calendar months; default 14 (Decree 09/2019 Art. 12)',
      ),
    year: z.number().int().min(2000).max(2100).optional().describe('for a one-off review: the year it is due'),
    label: z.string().optional().describe('e.g. "Sơ kết 05 năm"'),
    reviewKind: z.enum(['preliminary', 'final']).optional().describe('sơ kết (preliminary) or tổng kết (final)'),
    assumed: z.boolean().default(false).describe('true when the document does not state this date'),
  })
  .superRefine((d, ctx) => {
    const monthly = d.period === 'month' || d.period === 'quarter';
    if (!monthly && d.month === undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: `a ${d.period} deadline needs the month of its day` });
    if (monthly && d.month !== undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: `a ${d.period} deadline has no fixed month: use monthsAfter` });
    if (!monthly && d.monthsAfter !== undefined) ctx.addIssue({ code: 'custom', path: ['monthsAfter'], message: 'monthsAfter is for month and quarter deadlines only' });
    // Every year has 29/2 only sometimes: allow it, the calendar moves it; reject 31/4 and the like.
    const maxDay = d.month === undefined ? 31 : ([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.month - 1] ?? 31);
    if (d.day > maxDay) ctx.addIssue({ code: 'custom', path: ['day'], message: `day ${d.day} does not exist in month ${d.month}` });
    if (d.period === 'review' && d.year === undefined) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'a review deadline needs the year it is due' });
    }
  });

export const obligationSchema = z
  .strictObject({
    id,
    kind: z.enum(['agency-report', 'consolidated-report']).describe('agency-report: agencies report to the standing agency; consolidated-report: the standing agency reports up'),
    reporters: z.union([z.literal('assigned'), z.array(id).min(1)]).describe('"assigned": every agency the plan assigns a task to, except the standing agency; or a list of ids'),
    to: z.array(id).min(1).describe('agency, person or recipient ids the report goes to'),
    consolidates: id.optional().describe('for a consolidated report: the agency-report obligation it consolidates'),
    frequency: z
      .enum(['monthly', 'quarterly', 'semiannual', 'nine-month', 'annual', 'periodic', 'once', 'ad-hoc'])
      .describe('periodic: several period types at once (e.g. 6-month and annual)'),
    deadlines: z.array(deadlineSchema).default([]),
    statedText: z.string().nullable().describe('the reporting sentence of the document, verbatim; null when the document states none'),
    assumed: z.boolean().default(false).describe('true when any deadline of this obligation is a default, not stated'),
    assumptionNote: z.string().optional().describe('why and what was assumed, shown on every screen'),
    firstYear: z.number().int().min(2000).max(2100).optional().describe('the first year reports are due; default: the plan start'),
    lastYear: z.number().int().min(2000).max(2100).optional().describe('the last year reports are due; default: the horizon end'),
  })
  .superRefine((o, ctx) => {
    if (o.frequency !== 'ad-hoc' && o.deadlines.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['deadlines'], message: `a ${o.frequency} obligation needs at least one deadline` });
    }
    if (o.deadlines.some((d) => d.assumed) && !o.assumed) {
      ctx.addIssue({ code: 'custom', path: ['assumed'], message: 'a deadline is assumed, so the obligation must say assumed: true' });
    }
    if (o.assumed && !o.assumptionNote) {
      ctx.addIssue({ code: 'custom', path: ['assumptionNote'], message: 'an assumed deadline needs a note saying what was assumed and why' });
    }
  });

export const remindersSchema = z
  .strictObject({
    workingDaysBefore: z
      .array(z.number().int().min(0).max(60))
      .default([7, 3, 1, 0])
      .describe('reminders at these working days before the effective last day (0: on the day itself)'),
    at: clockTime.default('08:00'),
  })
  .default({ workingDaysBefore: [7, 3, 1, 0], at: '08:00' });

export const escalationStepSchema = z.strictObject({
  workingDaysAfter: z.number().int().min(1).max(60),
  level: z.enum(['overdue', 'director', 'leader-digest']),
});

export const escalationSchema = z
  .strictObject({
    at: clockTime.default('08:00'),
    steps: z
      .array(escalationStepSchema)
      .min(1)
      .default([
        { workingDaysAfter: 1, level: 'overdue' },
        { workingDaysAfter: 3, level: 'director' },
        { workingDaysAfter: 5, level: 'leader-digest' },
      ]),
    leaderId: id.optional().describe('the leadership person who receives the digest; default: the first one'),
    leaderChanges: z
      .array(z.strictObject({ from: isoDate.describe('the first day this person is in charge'), leaderId: id }))
      .optional()
      .describe('a new leader in charge from a date (a reassignment of the vice-chairmen); before the first, leaderId'),
  })
  .default({
    at: '08:00',
    steps: [
      { workingDaysAfter: 1, level: 'overdue' },
      { workingDaysAfter: 3, level: 'director' },
      { workingDaysAfter: 5, level: 'leader-digest' },
    ],
  });

/** The consolidated report's letterhead and signature block; defaults come from the plan (see src/consolidation/letterhead.ts). */
export const reportDocumentSchema = z.strictObject({
  issuingBodyParent: z.string().min(1).optional().describe('line 1 of the issuing body block (cơ quan chủ quản), e.g. "UBND TỈNH SƠN LA"'),
  issuingBody: z.string().min(1).optional().describe('line 2: the standing agency, e.g. "SỞ NỘI VỤ"; default: its name at the report date'),
  symbol: z.string().min(1).optional().describe('the symbol after "Số: .../", e.g. "BC-SNV"; default: BC- and the initials of the issuing body'),
  place: z.string().min(1).optional().describe('the place name of the date line; default: document.place or the province'),
  summary: z.string().min(1).optional().describe('the summary line under "BÁO CÁO" (trích yếu); the period label is appended; default: built from the plan number and issuer'),
  signature: z
    .strictObject({
      authority: z.string().optional().describe('e.g. "KT. GIÁM ĐỐC" (signing on behalf); empty for the head signing'),
      title: z.string().min(1).describe('e.g. "PHÓ GIÁM ĐỐC"'),
      name: z.string().optional(),
    })
    .optional(),
  copiesTo: z.array(z.string().min(1)).optional().describe('the "Nơi nhận" lines; default: the recipients, the leader and "Lưu: VT"'),
});

export const consolidationSchema = z
  .strictObject({
    draftWorkingDaysBeforeDue: z
      .number()
      .int()
      .min(0)
      .max(30)
      .default(2)
      .describe('build the draft this many working days before the standing agency’s own last day, if not all have reported earlier'),
    autoApprove: z.boolean().default(false).describe('send to the recipients without waiting for approval'),
    document: reportDocumentSchema.optional().describe('the letterhead of the consolidated report (Decree 30/2020); every field has a default'),
  })
  .default({ draftWorkingDaysBeforeDue: 2, autoApprove: false });

export const documentSchema = z.strictObject({
  type: z.enum(['ke-hoach', 'cong-van']).describe('Kế hoạch (plan) or Công văn (official letter)'),
  title: z.string().min(1).describe('the title / summary line (trích yếu), verbatim'),
  number: z.string().nullable().describe('số ký hiệu, e.g. "227/KH-UBND"; null when the document leaves it blank'),
  issuedOn: isoDate.nullable().describe('the date of the document; null when left blank (a draft)'),
  issuer: z.string().min(1).describe('e.g. "Ủy ban nhân dân tỉnh Thái Nguyên"'),
  province: z.string().min(1),
  place: z.string().optional().describe('the place name of the date line'),
  legalBasis: z.array(z.string().min(1)).default([]).describe('the documents the plan implements or cites'),
  horizon: z.strictObject({ from: z.number().int().min(2000).max(2100), to: z.number().int().min(2000).max(2100) }),
  signer: z.strictObject({ title: z.string(), name: z.string().optional() }).optional(),
  draft: z.boolean().default(false).describe('a draft whose number and date are still blank'),
  source: z.string().describe('the source text file this plan encodes'),
});

export const planSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: id.describe('stable plan id; workflow ids derive from it'),
    document: documentSchema,
    standingAgency: id.describe('cơ quan thường trực / đầu mối: collects reports and consolidates'),
    agencies: z.array(agencySchema).min(1),
    leadership: z.array(personSchema).min(1).describe('who gets the escalation digest'),
    recipients: z.array(recipientSchema).default([]).describe('who receives the consolidated report'),
    targets: z.array(targetSchema).default([]),
    tasks: z.array(taskSchema).default([]),
    reporting: z.strictObject({
      nonWorkingDayPolicy: z
        .enum(['extend', 'advance', 'none'])
        .default('extend')
        .describe('extend: Civil Code Art. 148, next working day; advance: previous working day; none: keep the day'),
      obligations: z.array(obligationSchema).default([]),
      adHoc: z.strictObject({ statedText: z.string().nullable(), to: id }).optional().describe('ad-hoc reporting the document asks for ("kịp thời phản ánh ...")'),
    }),
    reminders: remindersSchema,
    escalation: escalationSchema,
    consolidation: consolidationSchema,
    notes: z.array(z.string()).default([]).describe('configuration notes: what was added beyond the text and why'),
  })
  .superRefine(crossCheck);

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;
export type Agency = Plan['agencies'][number];
export type Task = Plan['tasks'][number];
export type Target = Plan['targets'][number];
export type Obligation = Plan['reporting']['obligations'][number];
export type Deadline = Obligation['deadlines'][number];
export type Contact = Agency['contacts'][number];

/** Reference checks that need the whole plan: every id used must be declared, and declared once. */
function crossCheck(plan: unknown, ctx: z.RefinementCtx): void {
  const p = plan as Plan;
  const agencyIds = new Set<string>();
  const duplicate = (path: (string | number)[], what: string, value: string) => ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} id "${value}"` });

  p.agencies.forEach((a, i) => (agencyIds.has(a.id) ? duplicate(['agencies', i, 'id'], 'agency', a.id) : agencyIds.add(a.id)));
  const people = new Set(p.leadership.map((l) => l.id));
  const recipients = new Set(p.recipients.map((r) => r.id));
  const addressees = new Set([...agencyIds, ...people, ...recipients]);
  const taskIds = new Set<string>();
  p.tasks.forEach((t, i) => (taskIds.has(t.id) ? duplicate(['tasks', i, 'id'], 'task', t.id) : taskIds.add(t.id)));
  const targetIds = new Set<string>();
  p.targets.forEach((t, i) => (targetIds.has(t.id) ? duplicate(['targets', i, 'id'], 'target', t.id) : targetIds.add(t.id)));

  const mustBeAgency = (value: string, path: (string | number)[]) => {
    if (!agencyIds.has(value)) ctx.addIssue({ code: 'custom', path, message: `unknown agency "${value}"` });
  };

  mustBeAgency(p.standingAgency, ['standingAgency']);
  p.agencies.forEach((a, i) => a.successor?.agencyIds.forEach((s, j) => mustBeAgency(s, ['agencies', i, 'successor', 'agencyIds', j])));
  p.tasks.forEach((t, i) => {
    t.lead.forEach((a, j) => mustBeAgency(a, ['tasks', i, 'lead', j]));
    t.cooperating.forEach((a, j) => mustBeAgency(a, ['tasks', i, 'cooperating', j]));
  });
  p.targets.forEach((t, i) => t.reportedBy.forEach((a, j) => mustBeAgency(a, ['targets', i, 'reportedBy', j])));

  const obligationIds = new Set(p.reporting.obligations.map((o) => o.id));
  p.reporting.obligations.forEach((o, i) => {
    if (o.reporters !== 'assigned') o.reporters.forEach((a, j) => mustBeAgency(a, ['reporting', 'obligations', i, 'reporters', j]));
    o.to.forEach((t, j) => {
      if (!addressees.has(t)) {
        ctx.addIssue({ code: 'custom', path: ['reporting', 'obligations', i, 'to', j], message: `unknown agency, person or recipient "${t}"` });
      }
    });
    if (o.consolidates !== undefined && !obligationIds.has(o.consolidates)) {
      ctx.addIssue({ code: 'custom', path: ['reporting', 'obligations', i, 'consolidates'], message: `unknown obligation "${o.consolidates}"` });
    }
    if (o.kind === 'consolidated-report' && o.consolidates === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reporting', 'obligations', i, 'consolidates'], message: 'a consolidated report must name the obligation it consolidates' });
    }
  });
  if (p.reporting.adHoc) mustBeAgency(p.reporting.adHoc.to, ['reporting', 'adHoc', 'to']);
  if (p.escalation.leaderId !== undefined && !people.has(p.escalation.leaderId)) {
    ctx.addIssue({ code: 'custom', path: ['escalation', 'leaderId'], message: `unknown leadership person "${p.escalation.leaderId}"` });
  }
  p.escalation.leaderChanges?.forEach((c, i) => {
    if (!people.has(c.leaderId)) ctx.addIssue({ code: 'custom', path: ['escalation', 'leaderChanges', i, 'leaderId'], message: `unknown leadership person "${c.leaderId}"` });
    const prev = p.escalation.leaderChanges![i - 1];
    if (prev && prev.from >= c.from) ctx.addIssue({ code: 'custom', path: ['escalation', 'leaderChanges', i, 'from'], message: 'changes must be in date order, one per day' });
  });
  if (p.document.horizon.to < p.document.horizon.from) {
    ctx.addIssue({ code: 'custom', path: ['document', 'horizon', 'to'], message: 'the horizon ends before it starts' });
  }
}
