/**
 * Text of a plan or official letter → a draft plan file. Pure: the caller reads the file and writes the
 * result. The draft always passes the plan schema when `ok` is true; everything the text did not state is
 * either a placeholder (contacts), assumed with a note (deadlines), or listed in `warnings`.
 */
import { planSchema, type PlanInput } from '../plan/schema.js';
import { formatPath } from '../plan/load.js';
import type { AgencyName } from './agencies.js';
import { extractDocument } from './document.js';
import { Findings, type Evidence, type ImportWarning } from './evidence.js';
import { reorganisation } from './reorganisation.js';
import { extractReporting, type Recipient } from './reporting.js';
import { committeeName, ministryList } from './admin.js';
import { buildOutline } from './structure.js';
import { extractTargets } from './targets.js';
import { extractAssignments } from './tasks.js';
import { slug, toBlocks, type Block } from './text.js';

export interface ImportOptions {
  /** Written to `document.source`, e.g. "seeds/004_5d4ee1467f99bd22.txt". */
  source: string;
}

export type ImportResult =
  { ok: true; plan: PlanInput; warnings: ImportWarning[]; evidence: Evidence[] } | { ok: false; reason: string; warnings: ImportWarning[]; evidence: Evidence[] };

const placeholderContacts = (id: string) => [
  { role: 'focal' as const, email: `daumoi.${id}@example.gov.vn`, placeholder: true },
  { role: 'head' as const, email: `lanhdao.${id}@example.gov.vn`, placeholder: true },
];

export function importPlan(text: string, options: ImportOptions): ImportResult {
  const f = new Findings();
  const fail = (reason: string): ImportResult => ({ ok: false, reason, warnings: f.warnings, evidence: f.evidence });
  const blocks = toBlocks(text ?? '');
  if (blocks.length === 0) return fail('Tệp rỗng: không có nội dung để nhập. / The file is empty.');

  const doc = extractDocument(blocks, f);
  const root = buildOutline(blocks.slice(planBodyStart(blocks, f)));
  const province = doc?.province ?? '';
  const isLetter = doc?.type === 'cong-van';
  // A national plan names ministries and government agencies in free text as a province names its departments.
  const assignment = extractAssignments(root, blocks, province, isLetter, f, doc && doc.issuerKind !== 'province' ? { extraKnown: ministryList.map((m) => m.name) } : {});
  if (assignment.agencies.length === 0) {
    f.warn('not-a-plan', 'Không tìm thấy cơ quan nào được phân công: văn bản có vẻ không phải kế hoạch hay công văn giao việc.');
    return fail('Không nhận ra văn bản là kế hoạch hay công văn giao việc (không có cơ quan nào được phân công). / Not a plan: no agency is assigned any work.');
  }
  if (!doc) {
    f.warn('not-a-plan', 'Không xác định được cơ quan ban hành và tỉnh.');
    return fail('Không xác định được cơ quan ban hành (UBND tỉnh nào). / Cannot tell which province issued the text.');
  }

  // Horizon: from the date of the document, else the year of its newest legal basis; to the furthest year
  // the text aims at (targets, "đến năm 2030", reviews).
  let from = doc.issuedOn ? Number(doc.issuedOn.slice(0, 4)) : doc.year;
  if (from === null) {
    from = doc.basisYears.length ? Math.max(...doc.basisYears) : null;
    if (from !== null) f.warn('horizon-assumed', `Văn bản không ghi năm ban hành: giả định bắt đầu năm ${from} (năm của căn cứ mới nhất).`, 'document.horizon.from');
  }
  if (from === null) return fail('Không xác định được năm của văn bản. / No year found in the text.');
  // The horizon a title states: "… đến năm 2030", "… giai đoạn 2026 - 2030".
  const titleMatch = /đến năm\s+(\d{4})|giai đoạn\s+\d{4}\s*[-–]\s*(\d{4})/iu.exec(doc.title);
  const titleYear = titleMatch?.[1] ?? titleMatch?.[2];
  const targets = extractTargets(root, titleYear ? Number(titleYear) : null, f);
  const targetYears = targets.map((t) => t.year);
  let to = Math.max(from, ...targetYears, titleYear ? Number(titleYear) : from);
  const national = doc.issuerKind !== 'province';
  const top: Recipient =
    doc.issuerKind === 'prime-minister'
      ? { id: 'thu-tuong-chinh-phu', name: 'Thủ tướng Chính phủ' }
      : doc.issuerKind === 'ministry'
        ? { id: slug(doc.issuer), name: doc.issuer }
        : { id: 'ubnd-tinh', name: committeeName(doc.unit ?? { name: province, kind: 'tỉnh' }) };
  const reporting = extractReporting(
    { root, headings: assignment.headings, known: assignment.known, isLetter, horizon: { from, to }, targetYears, top, ministries: ministryList },
    f,
  );
  // One-off reports fix their own years; a plan "… năm 2026" issued in 2025 runs in 2026 only.
  const onceYears = reporting.obligations.flatMap((o) => (o.lastYear !== undefined ? [o.lastYear] : []));
  const planYear = /(?:đến|tầm nhìn|giai đoạn)\s+(?:hết\s+)?năm\s+\d{4}\s*$/iu.test(doc.title) ? null : Number(/(?:^|\s)năm\s+(\d{4})\s*$/iu.exec(doc.title)?.[1]) || null;
  // Task times ("Thời gian thực hiện: năm 2026 - 2027", "Thời hạn ban hành: trước ngày 31 tháng 12 năm 2026") set
  // how long the plan runs when nothing else does (no target, title year, review or one-off: a plan implementing a law).
  const taskYears = assignment.tasks
    .flatMap((t) => [...`${t.timing ?? ''} ${t.text}`.matchAll(/(?:năm|giai đoạn|\/)\s*(20\d{2})(?!\d)/gu)].map((m) => Number(m[1])))
    .filter((y) => y >= from! && y <= from! + 15);
  const before = to;
  to = Math.max(to, ...reporting.reviewYears, ...onceYears, planYear ?? to);
  if (to === before && to === from && !isLetter && taskYears.length && Math.max(...taskYears) > to) {
    to = Math.max(...taskYears);
    f.warn('horizon-assumed', `Văn bản không nêu năm kết thúc: lấy năm ${to}, năm xa nhất trong thời gian thực hiện các nhiệm vụ.`, 'document.horizon.to');
  }
  if (planYear && planYear > from) {
    for (const o of reporting.obligations) if (o.firstYear === undefined && o.frequency !== 'once') o.firstYear = planYear;
    f.warn('first-year', `Kế hoạch cho năm ${planYear} (ban hành ${from}): các kỳ báo cáo định kỳ bắt đầu từ năm ${planYear}.`, 'reporting.obligations');
  }
  const horizonTarget = (t: (typeof targets)[number]) => (t.year > to ? to : t.year);

  // Agencies: every one named as assigned, the standing agency, then the successors the 2025 reorganisation
  // gives them (declared so the plan can follow them).
  const agencies = new Map<string, AgencyName & { line: number | null; quote: string; note?: string }>();
  for (const a of assignment.agencies) agencies.set(a.id, a);
  const standing = reporting.standingAgency;
  if (standing && !agencies.has(standing)) {
    const k = assignment.known.find((a) => a.id === standing);
    if (k) agencies.set(standing, { ...k, line: null, quote: '' });
  }
  const named = [...agencies.keys()];
  const successorOf = new Map<string, (typeof reorganisation)[string]>();
  for (const id of named) {
    const rule = reorganisation[id];
    if (!rule) continue;
    successorOf.set(id, rule);
    for (const s of rule.successors) {
      if (!agencies.has(s.id)) {
        agencies.set(s.id, {
          id: s.id,
          name: s.name,
          kind: s.kind,
          line: null,
          quote: '',
          note: `Không có trong văn bản: kế thừa ${agencies.get(id)!.name}${s.function ? ` (${s.function})` : ''} từ ${rule.from.split('-').reverse().join('/')}.`,
        });
      }
    }
  }
  const agencyList = [...agencies.values()];
  agencyList.forEach((a, i) => {
    if (a.line !== null) f.cite(`agencies[${i}].name`, a.quote, a.line);
  });

  if (!standing) {
    f.warn('no-standing-agency', 'Chưa có cơ quan thường trực: tạm lấy cơ quan đầu tiên; sửa standingAgency.', 'standingAgency');
  }
  const email: Record<string, string> = { 'ubnd-tinh': 'ubnd.tinh@example.gov.vn', 'bo-ldtbxh': 'bo.ldtbxh@example.gov.vn' };
  const recipients: NonNullable<PlanInput['recipients']> = reporting.recipients.map((r) => ({
    id: r.id,
    name: r.name,
    email: email[r.id] ?? `${r.id.replace(/-/g, '.')}@example.gov.vn`,
    placeholder: true,
    ...(r.successor ? { successor: r.successor } : {}),
  }));
  if (!reporting.recipients.length) recipients.push({ id: top.id, name: top.name, email: email[top.id] ?? `${top.id.replace(/-/g, '.')}@example.gov.vn`, placeholder: true });
  const cutoffNotes = reporting.cutoffs.map(
    (c) => `Thời gian chốt số liệu theo văn bản (chưa có trường trong lược đồ; lịch vẫn dùng mặc định Nghị định 09/2019 Điều 12): “${c.quote}” — trích: “${c.statedText}”.`,
  );
  const mergerNote = doc.unit?.merged
    ? [`Tỉnh ${doc.unit.name} đã sắp xếp vào ${doc.unit.currentKind} ${doc.unit.current} từ 01/07/2025: kiểm tra nơi nhận, cơ quan kế thừa.`]
    : [];

  const numberPart = doc.number ?? /số\s+(\S+)/iu.exec(doc.legalBasis[0] ?? '')?.[1] ?? 'ke-hoach';
  const plan: PlanInput = {
    id: `${slug(province)}-${slug(numberPart)}-${from}`,
    document: {
      type: doc.type,
      title: doc.title,
      number: doc.number,
      issuedOn: doc.issuedOn,
      issuer: doc.issuer,
      province,
      ...(doc.place ? { place: doc.place } : {}),
      legalBasis: doc.legalBasis,
      horizon: { from, to },
      ...(doc.signer ? { signer: doc.signer } : {}),
      draft: doc.draft,
      source: options.source,
    },
    standingAgency: standing ?? agencyList[0]!.id,
    agencies: agencyList.map((a) => {
      const rule = successorOf.get(a.id);
      const functions = rule && rule.successors.length > 1 ? Object.fromEntries(rule.successors.map((s) => [s.id, s.function ?? ''])) : undefined;
      return {
        id: a.id,
        name: a.name,
        kind: a.kind,
        contacts: placeholderContacts(a.id),
        ...(rule ? { successor: { from: rule.from, agencyIds: rule.successors.map((s) => s.id), ...(functions ? { functions } : {}), basis: rule.basis } } : {}),
        ...(a.note ? { note: a.note } : {}),
      };
    }),
    leadership: [
      {
        id: 'pct-ubnd-tinh',
        role: national ? 'Lãnh đạo phụ trách (cơ quan ban hành)' : 'Phó Chủ tịch UBND tỉnh phụ trách',
        ...(doc.signer?.name ? { name: doc.signer.name } : {}),
        email: 'pct.ubnd@example.gov.vn',
        placeholder: true,
      },
    ],
    recipients,
    targets: targets.map((t, i) => ({ id: `t${i + 1}`, label: t.label, value: t.value, unit: t.unit, comparison: t.comparison, year: horizonTarget(t), quote: t.quote })),
    tasks: assignment.tasks.map((t) => ({
      id: t.id,
      ...(t.title ? { title: t.title } : {}),
      text: t.text,
      lead: t.lead,
      cooperating: t.cooperating,
      ...(t.timing ? { timing: t.timing } : {}),
      section: t.section,
    })),
    reporting: {
      nonWorkingDayPolicy: 'extend',
      obligations: reporting.obligations.map(({ line: _line, ...o }) => o),
      ...(reporting.adHoc ? { adHoc: { statedText: reporting.adHoc.statedText, to: reporting.adHoc.to } } : {}),
    },
    escalation: {
      at: '08:00',
      steps: [
        { workingDaysAfter: 1, level: 'overdue' },
        { workingDaysAfter: 3, level: 'director' },
        { workingDaysAfter: 5, level: 'leader-digest' },
      ],
      leaderId: 'pct-ubnd-tinh',
    },
    notes: [
      `Bản nháp do "dondoc plan import" tạo từ ${options.source}: kiểm tra từng trường với văn bản (xem evidence) trước khi chạy.`,
      'Mọi địa chỉ thư là giá trị giữ chỗ (placeholder) trên miền example.gov.vn; thay bằng danh bạ thật.',
      ...cutoffNotes,
      ...mergerNote,
      ...f.warnings.map((w) => `Cảnh báo (${w.code}): ${w.message}`),
    ],
  };

  const checked = planSchema.safeParse(plan);
  if (!checked.success) {
    for (const issue of checked.error.issues) f.warn('invalid-draft', `${formatPath(issue.path)}: ${issue.message}`, formatPath(issue.path));
    return fail('Bản nháp không qua được kiểm tra của lược đồ kế hoạch (xem warnings). / The draft does not validate.');
  }
  return { ok: true, plan, warnings: f.warnings, evidence: f.evidence };
}

/**
 * A plan issued by a Decision ("QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …") carries the
 * Decision's articles, distribution list and signature first, then the plan under its own "KẾ HOẠCH" title:
 * the plan's outline starts there. The header (issuer, number, date) stays the Decision's.
 */
function planBodyStart(blocks: readonly Block[], f: Findings): number {
  const decision = blocks.findIndex((b, i) => i < 16 && /^QUYẾT ĐỊNH\b/u.test(b.text));
  const attached = blocks.findIndex((b) => /Ban hành kèm theo Quyết định này/iu.test(b.text));
  if (decision < 0 || attached < 0) return 0;
  const plan = blocks.findIndex((b, i) => i > attached && /^KẾ HOẠCH$/u.test(b.text));
  if (plan < 0) return 0;
  f.cite('document.attachedTo', blocks[attached]!.text.slice(0, 200), blocks[attached]!.line);
  return plan;
}
