/**
 * Who is assigned what. The implementation section ("TỔ CHỨC THỰC HIỆN", or the numbered points of a
 * Công văn) names agencies in its numbered headings; "Nhiệm vụ và giải pháp" sections name them in
 * "Cơ quan chủ trì:" / "Cơ quan phối hợp:" lines. Dashes under one heading become separate tasks only
 * when they assign different agencies (docs/encoding-seeds.md).
 */
import { findAgencies, isGroup, lexicon, predicateWords, splitAgencyList, toAgency, type AgencyName } from './agencies.js';
import type { Findings } from './evidence.js';
import { findSection, walk, type OutlineNode } from './structure.js';
import type { Block } from './text.js';

export interface DraftTask {
  id: string;
  title?: string;
  text: string;
  lead: string[];
  cooperating: string[];
  timing?: string;
  section: string;
  line: number;
}

export interface Assignment {
  tasks: DraftTask[];
  /** Every agency named as assigned, in order of first appearance, with where it was first named. */
  agencies: (AgencyName & { line: number; quote: string })[];
  /** Agencies each implementation heading names (for the standing agency and the reporting sentences). */
  headings: { node: OutlineNode; agencies: string[] }[];
  known: AgencyName[];
}

const dedupe = (ids: string[]) => [...new Set(ids)];
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Extra names a national plan uses (ministries, government agencies): found in free text like the lexicon. */
export interface AssignmentOptions {
  extraKnown?: readonly string[];
}

export function extractAssignments(root: OutlineNode, blocks: readonly Block[], province: string, isLetter: boolean, f: Findings, options: AssignmentOptions = {}): Assignment {
  const registry = new Map<string, AgencyName & { line: number; quote: string }>();
  const register = (a: AgencyName, line: number, quote: string) => {
    if (!registry.has(a.id)) registry.set(a.id, { ...a, line, quote });
    return a.id;
  };
  const known: AgencyName[] = [...lexicon, ...(options.extraKnown ?? [])].map((n) => toAgency(n, province));
  const learn = (a: AgencyName) => {
    if (!known.some((k) => k.id === a.id && k.name === a.name)) known.push(a);
  };

  // Addressees of a Công văn ("Kính gửi: - Các sở: …; - Ban quản lý …").
  const addressees: string[] = [];
  const kg = blocks.findIndex((b) => /^Kính gửi/u.test(b.text));
  if (kg >= 0) {
    const inline = blocks[kg]!.text.replace(/^Kính gửi:?\s*/u, '');
    const lines = inline ? [{ text: inline, line: blocks[kg]!.line }] : [];
    for (const b of blocks.slice(kg + 1)) {
      if (!/^[-–+•]/u.test(b.text)) break;
      lines.push({ text: b.text, line: b.line });
    }
    for (const l of lines) {
      for (const item of splitAgencyList(l.text.replace(/^[-–+•]\s*/u, ''), province)) {
        if (!item.agency) continue;
        learn(item.agency);
        addressees.push(register(item.agency, l.line, l.text));
      }
    }
  }

  const tasks: DraftTask[] = [];
  const headings: Assignment['headings'] = [];
  const sectionOf = (n: OutlineNode) => n.id;

  // 1. The implementation section: one heading per agency or group of agencies.
  const impl = findSection(root, /TỔ CHỨC THỰC HIỆN/u) ?? (isLetter ? root : undefined);
  // Besides "TỔ CHỨC THỰC HIỆN", plans give one heading per agency under "Phân công trách nhiệm / nhiệm vụ" or
  // "Trách nhiệm của các cơ quan" (often inside "NHIỆM VỤ, GIẢI PHÁP").
  const assignSections = [...walk(root)].filter(
    (n) =>
      n !== impl &&
      n.style !== 'dash' &&
      n.style !== 'plus' &&
      /^(?:PHÂN CÔNG (?:TRÁCH NHIỆM|NHIỆM VỤ)(?: THỰC HIỆN| CỤ THỂ)?|TRÁCH NHIỆM (?:CỦA CÁC [^,.;]{0,50}|THỰC HIỆN))[.:]?$/u.test(n.title.toUpperCase()),
  );
  const groupHeadings: { node: OutlineNode; taskIndex: number[] }[] = [];
  if (!impl) f.warn('no-implementation-section', 'Không tìm thấy mục "Tổ chức thực hiện": phân công được tìm trong các mục khác.', 'tasks');
  const headingNodes = [...assignSections, ...(impl ? [impl] : [])].flatMap((sec) =>
    sec.children.filter((c) => c.style !== 'dash' && c.style !== 'plus' && !/chế độ báo cáo/iu.test(c.title)),
  );
  const inAssignSection = (n: OutlineNode) => headingNodes.some((h) => h === n || isUnder(n, h));
  // First learn every name the assignment lines and headings use, so free text can be matched against the
  // document's own spellings ("UBND cấp xã").
  for (const node of walk(root)) {
    const l = assignmentLines(node);
    for (const t of [...l.lead, ...l.cooperating]) splitAgencyList(t, province).forEach((i) => i.agency && learn(i.agency));
  }
  const subjects = headingNodes.map((n) => headingSubject(n, province));
  subjects.forEach((s) => s.items.forEach((i) => i.agency && learn(i.agency)));

  headingNodes.forEach((node, hi) => {
    const subject = subjects[hi]!;
    const heads = subject.items.filter((i) => i.agency).map((i) => register(i.agency!, node.line, node.title));
    headings.push({ node, agencies: heads });
    const units = taskUnits(node, subject.rest);
    const assigned = units.map((u) => {
      if (u.subHeading) {
        const sub = splitAgencyList(u.subHeading, province).filter((i) => i.agency);
        sub.forEach((i) => learn(i.agency!));
        const subLead = sub.map((i) => register(i.agency!, u.line, u.subHeading!));
        return { ...u, ...roles(subLead, u.text, known, province, u.dash) };
      }
      return { ...u, ...roles(heads, u.text, known, province, u.dash) };
    });
    assigned.forEach((a) =>
      [...a.lead, ...a.cooperating].forEach((id) =>
        register(
          known.find((k) => k.id === id)!,
          a.line,
          a.text,
        ),
      ),
    );
    const before = tasks.length;
    const allSame = assigned.every((a) => same(a.lead, assigned[0]!.lead) && same(a.cooperating, assigned[0]!.cooperating) && !a.subHeading);
    if (assigned.length <= 1 || allSame) {
      const text = assigned.map((a) => (assigned.length > 1 && a.dash ? `- ${a.text}` : a.text)).join('\n');
      tasks.push({
        id: node.id,
        text: text || node.title,
        lead: assigned[0]?.lead ?? heads,
        cooperating: assigned[0]?.cooperating ?? [],
        section: sectionOf(node),
        line: node.line,
        ...(subject.rest ? {} : { title: node.title }),
      });
    } else {
      for (const a of assigned) tasks.push({ id: a.id, text: a.text, lead: a.lead, cooperating: a.cooperating, section: a.id, line: a.line });
    }
    if (subject.items.some((i) => i.group)) groupHeadings.push({ node, taskIndex: range(before, tasks.length) });
  });

  // 2a. A task written with its own assignment lines (the usual layout of task lists and appendix rows):
  //     "(Cơ quan|Đơn vị) chủ trì / thực hiện (tham mưu thực hiện): X", "(Cơ quan|Đơn vị) phối hợp (thực hiện): Y",
  //     "Thời gian / Thời hạn (thực hiện|hoàn thành|ban hành): Z", as paragraphs under the task or as its dashes.
  //     Dashes with no lines of their own share those of the dash that follows them.
  const covered = new Set<OutlineNode>();
  for (const node of walk(root)) {
    if (inAssignSection(node) || node === impl || (impl && isUnder(node, impl))) continue;
    // A heading whose numbered items are the tasks, with one "Cơ quan chủ trì" block for all, is read in 2.
    if (node.children.some((c) => c.style !== 'dash' && c.style !== 'plus')) continue;
    // "1.3. Đơn vị và thời gian thực hiện" lists the assignment of its numbered siblings: read in 2 as well.
    if (/^(?:Đơn vị(?: và thời gian)? thực hiện|Cơ quan chủ trì)/iu.test(node.title)) continue;
    const lines = assignmentLines(node);
    if (!lines.lead.length && !lines.cooperating.length) continue;
    const parent = node.parent;
    const siblings = parent ? parent.children : [];
    const at = siblings.indexOf(node);
    const shared: OutlineNode[] = [];
    for (let i = at - 1; i >= 0; i--) {
      const sib = siblings[i]!;
      if (sib.style !== 'dash' || node.style !== 'dash' || covered.has(sib) || hasAssignmentLines(sib)) break;
      shared.unshift(sib);
    }
    const leadItems = lines.lead.flatMap((t) => splitAgencyList(t, province));
    const coopItems = lines.cooperating.flatMap((t) => splitAgencyList(t, province));
    [...leadItems, ...coopItems].forEach((i) => i.agency && learn(i.agency));
    const lead = dedupe(leadItems.filter((i) => i.agency).map((i) => register(i.agency!, node.line, lines.leadQuote)));
    const cooperating = dedupe(coopItems.filter((i) => i.agency).map((i) => register(i.agency!, node.line, lines.coopQuote))).filter((c) => !lead.includes(c));
    const text = [...shared.map((n) => `- ${lines.textOf(n)}`), node.style === 'dash' && shared.length ? `- ${lines.text}` : lines.text].join('\n');
    tasks.push({
      id: node.id,
      ...(node.style !== 'dash' && node.style !== 'plus' ? { title: node.title } : {}),
      text,
      lead,
      cooperating,
      ...(lines.timing ? { timing: lines.timing } : {}),
      section: node.id,
      line: (shared[0] ?? node).line,
    });
    covered.add(node);
    shared.forEach((n) => covered.add(n));
    if (leadItems.some((i) => i.group) && lead.length === 0)
      f.warn('group-assignment', `Nhiệm vụ ${node.id}: cơ quan chủ trì là một nhóm không nêu tên ("${lines.lead[0]!.slice(0, 60)}"); xem lại.`, 'tasks');
  }
  const isCovered = (n: OutlineNode) => [...covered].some((c) => c === n || isUnder(c, n) || isUnder(n, c));

  // 2. Sections of tasks ("NHIỆM VỤ VÀ GIẢI PHÁP"): the leaves, with the lead named by "Cơ quan chủ trì".
  for (const section of root.children.filter((c) => c.style === 'roman' && /NHIỆM VỤ|GIẢI PHÁP/u.test(c.title.toUpperCase()))) {
    for (const group of [section, ...walk(section)]) {
      const items = group.children.filter((c) => c.style !== 'dash' && c.style !== 'plus');
      const assignNode = items.find((c) => /^Đơn vị(?: và thời gian)? thực hiện|^Cơ quan chủ trì/iu.test(c.title));
      const leaves = items.filter((c) => c !== assignNode && !isCovered(c) && !inAssignSection(c) && !c.children.some((g) => g.style !== 'dash' && g.style !== 'plus'));
      if (leaves.length === 0) continue;
      const plan = assignNode ? readAssignmentLines(assignNode, province, known, learn) : null;
      for (const leaf of leaves) {
        const number = leaf.marker;
        const lead = plan ? (plan.leadByItem.get(number) ?? plan.lead) : [];
        const cooperating = plan ? plan.cooperating.filter((c) => !lead.includes(c)) : [];
        if (plan) [...plan.all].forEach((a) => register(a, assignNode!.line, assignNode!.title));
        tasks.push({
          id: leaf.id,
          ...(leaf.children.length ? { title: leaf.title } : {}),
          text: leaf.children.length ? [leaf.title, ...leaf.body, ...leaf.children.map((c) => `- ${flat(c)}`)].join('\n') : [leaf.title, ...leaf.body].join('\n'),
          lead: dedupe(lead),
          cooperating: dedupe(cooperating),
          ...(plan?.timing ? { timing: plan.timing } : {}),
          section: leaf.id,
          line: leaf.line,
        });
      }
    }
  }

  // 3. Elsewhere (e.g. "KINH PHÍ"), a numbered point that opens with "<agency>: …" assigns that agency.
  //    So does one that opens with an agency and its predicate ("Bộ Tài chính chủ trì tổng hợp, …").
  for (const section of root.children.filter((c) => c.style === 'roman' && c !== impl && !/NHIỆM VỤ|GIẢI PHÁP|MỤC TIÊU|MỤC ĐÍCH|CHẾ ĐỘ BÁO CÁO/u.test(c.title.toUpperCase()))) {
    for (const node of section.children) {
      if (isCovered(node) || inAssignSection(node)) continue;
      const colon = /^([^:]{3,200}):\s*(.+)$/u.exec(node.title) ?? subjectSplit(node.title);
      if (!colon) continue;
      const items = splitAgencyList(colon[1]!, province);
      if (items.length === 0 || items.some((i) => !i.agency)) continue;
      const lead = items.map((i) => (learn(i.agency!), register(i.agency!, node.line, node.title)));
      tasks.push({ id: node.id, text: [colon[2]!, ...node.body].join('\n'), lead, cooperating: [], section: node.id, line: node.line });
    }
  }

  // 4. An appendix table of tasks ("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"),
  //    the usual annex of Decree 30 plans: one task per row, its lead and cooperating bodies from their columns.
  for (const t of tableTasks(blocks, province, learn, register, f)) tasks.push(t);

  // A "Chế độ báo cáo" point inside the implementation section asks every agency it addresses ("các sở, ban,
  // ngành, đơn vị, địa phương") to plan and report: a task for every agency the section assigned.
  const reportingPoint = impl?.children.find((c) => /chế độ báo cáo/iu.test(c.title) && c.style !== 'dash');
  if (reportingPoint && /các sở, ban, ngành/iu.test(fullTextOf(reportingPoint))) {
    const everyone = dedupe(headings.flatMap((h) => h.agencies));
    if (everyone.length) {
      tasks.push({
        id: reportingPoint.id,
        title: reportingPoint.title,
        text: [...reportingPoint.body, ...reportingPoint.children.map(flat)].join('\n'),
        lead: everyone,
        cooperating: [],
        section: reportingPoint.id,
        line: reportingPoint.line,
      });
      f.warn('group-assignment', `Nhiệm vụ ${reportingPoint.id} (chế độ báo cáo) giao cho mọi cơ quan của mục "Tổ chức thực hiện"; xem lại.`, 'tasks');
    }
  }

  // "Các sở, ban, ngành, …:" as a heading: in a letter, every addressee; in a plan, every department and board.
  for (const g of groupHeadings) {
    const ids = isLetter && addressees.length ? dedupe(addressees) : [...registry.values()].filter((a) => a.kind === 'department' || a.kind === 'board').map((a) => a.id);
    const explicit = isLetter || /^[^:]{3,200}:/u.test(g.node.title);
    for (const i of g.taskIndex) {
      const t = tasks[i]!;
      if (explicit) {
        t.lead = dedupe([...ids, ...t.lead]);
        f.warn('group-assignment', `Nhiệm vụ ${t.id} giao cho một nhóm ("${g.node.title.slice(0, 60)}…"): gán cho ${ids.length} cơ quan; xem lại.`, `tasks[${i}].lead`);
      } else f.warn('no-lead', `Nhiệm vụ ${t.id} giao cho một nhóm không nêu tên: chưa có cơ quan chủ trì.`, `tasks[${i}].lead`);
    }
  }

  // Document order: the task sections come before the implementation section.
  const noLead = new Set(groupHeadings.filter((g) => !isLetter && !/^[^:]{3,200}:/u.test(g.node.title)).flatMap((g) => g.taskIndex.map((i) => tasks[i]!)));
  tasks.sort((a, b) => a.line - b.line);
  tasks.forEach((t, i) => {
    f.cite(`tasks[${i}]`, t.text, t.line);
    if (t.lead.length === 0 && !noLead.has(t)) {
      f.warn('no-lead', `Nhiệm vụ ${t.id}: văn bản không nêu cơ quan chủ trì.`, `tasks[${i}].lead`);
    }
  });
  return { tasks, agencies: [...registry.values()], headings, known };
}

function tableTasks(
  blocks: readonly Block[],
  province: string,
  learn: (a: AgencyName) => void,
  register: (a: AgencyName, line: number, quote: string) => string,
  f: Findings,
): DraftTask[] {
  const out: DraftTask[] = [];
  let table = 0;
  for (let i = 0; i < blocks.length; i++) {
    const header = blocks[i]!.cells;
    if (!header) continue;
    const col = (re: RegExp) => header.findIndex((c) => re.test(c));
    const task = col(/nhiệm vụ|nội dung|công việc|hoạt động/iu);
    const lead = col(/chủ trì|(?:cơ quan|đơn vị) thực hiện/iu);
    if (task < 0 || lead < 0 || task === lead) continue;
    const coop = col(/phối hợp/iu);
    const time = col(/thời gian|thời hạn|tiến độ/iu);
    const stt = col(/^(?:STT|TT|Số TT)$/iu);
    table++;
    let j = i + 1;
    for (; j < blocks.length && blocks[j]!.cells; j++) {
      const row = blocks[j]!.cells!;
      const text = row[task]?.trim() ?? '';
      const leadText = row[lead]?.trim() ?? '';
      if (!text || !leadText) continue; // a group row ("I | NHIỆM VỤ TRỌNG TÂM")
      const names = (t: string) =>
        splitAgencyList(t, province)
          .filter((x) => x.agency)
          .map((x) => (learn(x.agency!), register(x.agency!, blocks[j]!.line, blocks[j]!.text)));
      const number =
        (stt >= 0 ? row[stt] : '')
          ?.toLowerCase()
          .replace(/[^a-z0-9.]+/gu, '')
          .replace(/^\.+|\.+$/gu, '') || String(out.length + 1);
      const leads = dedupe(names(leadText));
      out.push({
        id: `pl${table}.${number}`,
        text,
        lead: leads,
        cooperating: dedupe(coop >= 0 ? names(row[coop] ?? '') : []).filter((c) => !leads.includes(c)),
        ...(time >= 0 && row[time] ? { timing: row[time]! } : {}),
        section: `pl${table}.${number}`,
        line: blocks[j]!.line,
      });
    }
    f.cite(`tables[${table - 1}]`, blocks[i]!.text, blocks[i]!.line);
    i = j - 1;
  }
  return out;
}

function isUnder(node: OutlineNode, ancestor: OutlineNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** "Bộ Tài chính chủ trì tổng hợp, …" → [subject, rest], when the subject is short and the predicate usual. */
function subjectSplit(title: string): RegExpExecArray | null {
  const m = predicateWords.exec(title);
  if (!m || m.index < 3 || m.index > 160) return null;
  const out = [title, title.slice(0, m.index), title] as unknown as RegExpExecArray;
  return out;
}

const leadLine = /^(?:[-+]\s*)?(?:Cơ quan|Đơn vị)\s+(?:chủ trì|thực hiện)(?:\s+(?:tham mưu\s+)?thực hiện)?(?:\s+tham mưu)?\s*:\s*(.*)$/iu;
const coopLine = /^(?:[-+]\s*)?(?:Cơ quan|Đơn vị)\s+phối hợp(?:\s+thực hiện)?\s*:\s*(.*)$/iu;
const timeLine = /^(?:[-+]\s*)?Thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành|ban hành))?\s*:\s*(.*)$/iu;

function hasAssignmentLines(node: OutlineNode): boolean {
  const l = assignmentLines(node);
  return l.lead.length > 0 || l.cooperating.length > 0;
}

/** The assignment lines of a task node: in its paragraphs or as its direct dash / plus children. */
function assignmentLines(node: OutlineNode) {
  const lead: string[] = [];
  const cooperating: string[] = [];
  let timing: string | undefined;
  let leadQuote = '';
  let coopQuote = '';
  const rest: string[] = [];
  const restChildren: OutlineNode[] = [];
  const read = (line: string): boolean => {
    const l = leadLine.exec(line);
    const c = coopLine.exec(line);
    const t = timeLine.exec(line);
    if (l) {
      lead.push(l[1]!);
      leadQuote ||= line;
    } else if (c) {
      cooperating.push(c[1]!);
      coopQuote ||= line;
    } else if (t) timing ??= t[1]!.replace(/\.$/u, '');
    return Boolean(l || c || t);
  };
  node.body.forEach((b) => read(b) || rest.push(b));
  for (const c of node.children) {
    if ((c.style === 'dash' || c.style === 'plus') && read(`${c.title}${c.body.length ? ` ${c.body.join(' ')}` : ''}`)) continue;
    restChildren.push(c);
  }
  const textOf = (n: OutlineNode) => [n.title, ...n.body.filter((b) => !leadLine.test(b) && !coopLine.test(b) && !timeLine.test(b))].join('\n');
  const text = [node.title, ...rest, ...restChildren.map((c) => `${c.style === 'plus' ? '+ ' : '- '}${flat(c)}`)].filter(Boolean).join('\n');
  return { lead, cooperating, timing, leadQuote, coopQuote, text, textOf };
}

function fullTextOf(node: OutlineNode): string {
  return [node.title, ...node.body, ...node.children.map(flat)].join('\n');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function flat(node: OutlineNode): string {
  return [node.title, ...node.body, ...node.children.map((c) => `${c.style === 'plus' ? '+ ' : '- '}${flat(c)}`)].join('\n');
}

/** The agencies a heading names: "Sở Tài chính: Hằng năm, …" (before the colon) or a heading alone. */
function headingSubject(node: OutlineNode, province: string): { items: ReturnType<typeof splitAgencyList>; rest: string } {
  const colon = /^([^:]{3,250}):\s*(.*)$/u.exec(node.title);
  if (colon) {
    const items = splitAgencyList(colon[1]!, province);
    if (items.length) return { items, rest: colon[2]! };
  }
  const short = node.title.length < 250 && (node.children.length > 0 || node.body.length > 0);
  if (short) {
    const items = splitAgencyList(node.title, province);
    if (items.length && items.every((i) => i.agency || i.group)) return { items, rest: '' };
  }
  // A sentence: the agencies (or group) it opens with are its subject.
  const opening =
    /^((?:(?:Các|các)\s+)?[^.;:]*?)(?=\s+(?:tiếp tục|căn cứ|chủ động|thực hiện|triển khai|tổ chức|phối hợp|có trách nhiệm|chịu trách nhiệm)\s)/u.exec(node.title) ??
    subjectSplit(node.title.replace(/^Giao\s+/u, ''));
  if (opening) {
    const items = splitAgencyList(opening[1]!, province);
    if (items.length && items.every((i) => i.agency || i.group)) return { items, rest: node.title };
  }
  return { items: isGroup(node.title) ? [{ text: node.title, group: true }] : [], rest: node.title };
}

interface Unit {
  id: string;
  text: string;
  line: number;
  dash: boolean;
  /** "- Đề nghị Liên đoàn Lao động tỉnh:" heading a list of "+" items: those items are its tasks. */
  subHeading?: string;
}

/** The pieces of a heading's text that could be tasks: its own text, its paragraphs, each dash. */
function taskUnits(node: OutlineNode, rest: string): Unit[] {
  const units: Unit[] = [];
  const own = [rest, ...node.body].filter(Boolean).join('\n');
  if (own) units.push({ id: node.id, text: own, line: node.line, dash: false });
  for (const c of node.children) {
    const sub = /^(?:Đề nghị\s+)?([^:]{3,150}):$/u.exec(c.title);
    if (sub && c.children.length > 0) {
      for (const p of c.children) units.push({ id: p.id, text: flat(p), line: p.line, dash: true, subHeading: sub[1]! });
      continue;
    }
    units.push({ id: c.id, text: flat(c), line: c.line, dash: true });
  }
  return units;
}

/**
 * Lead and cooperating agencies of one piece of text under a heading. "Phối hợp với <named agency> …"
 * opening a single-clause task makes the named agency lead and the heading's agencies cooperating (the
 * work is the named agency's); otherwise the heading leads and the agencies it works "phối hợp với" help.
 */
function roles(heads: string[], text: string, known: AgencyName[], province: string, dash = true): { lead: string[]; cooperating: string[] } {
  // "phối hợp với X", "phối hợp, cung cấp thông tin với X", and "Chủ trì, phối hợp" over a list of dashes, each
  // opening with the partner ("- Sở Tài chính và các đơn vị … tham mưu …").
  const phrases = [...text.matchAll(/phối hợp(?:[^;.\n]{0,40}?\s+(?:với|cùng))?\s+([^;.]*)/giu)].map((m) => m[1]!);
  const listed = /phối hợp\s*:?\s*\n((?:[-+][^\n]*(?:\n|$))+)/iu.exec(text);
  if (listed) for (const line of listed[1]!.split('\n')) phrases.push(line.replace(/^[-+]\s*/u, '').split(predicateWords)[0] ?? '');
  const partners: string[] = [];
  for (const p of phrases) {
    for (const hit of findAgencies(p, known)) {
      if (!known.some((k) => k.id === hit.agency.id)) known.push(hit.agency);
      partners.push(hit.agency.id);
    }
  }
  // Only a single clause: "Phối hợp với X …; theo dõi …; báo cáo …" lists the heading's own duties.
  const opensWithPartner = /^Phối hợp (?:với|cùng)\s+(.*)$/su.exec(text);
  if (opensWithPartner && !(dash ? /;\s*\p{Lu}/u : /;\s*\p{L}/u).test(text)) {
    const firstItem = splitAgencyList(opensWithPartner[1]!.split(/\s+(?=[a-zà-ỹđ]+\s)/u)[0] ?? '', province)[0];
    const named = findAgencies(opensWithPartner[1]!.split(/[;.]/u)[0]!, known).map((h) => h.agency.id);
    const startsNamed = named.length > 0 && !(firstItem?.group ?? false) && !/^(?:các|Các)\s+(?:sở|cơ quan|đơn vị|ngành|địa phương)/u.test(opensWithPartner[1]!);
    if (startsNamed) return { lead: dedupe(named), cooperating: heads.filter((h) => !named.includes(h)) };
  }
  return { lead: heads, cooperating: dedupe(partners.filter((p) => !heads.includes(p))) };
}

/** "- Cơ quan chủ trì: X" / "+ Nội dung 2.1, 2.2: X" / "- Cơ quan phối hợp: …" / "- Thời gian thực hiện: …". */
function readAssignmentLines(node: OutlineNode, province: string, known: AgencyName[], learn: (a: AgencyName) => void) {
  const leadByItem = new Map<string, string[]>();
  let lead: string[] = [];
  let cooperating: string[] = [];
  let timing: string | undefined;
  const all: AgencyName[] = [];
  const names = (text: string) => {
    const items = splitAgencyList(text, province).filter((i) => i.agency);
    items.forEach((i) => (learn(i.agency!), all.push(i.agency!)));
    return items.map((i) => i.agency!.id);
  };
  for (const line of [node.title, ...node.body, ...[...walk(node)].map((n) => n.title)]) {
    const chu = /^Cơ quan chủ trì:\s*(.*)$/iu.exec(line);
    const phoi = /^Cơ quan phối hợp:\s*(.*)$/iu.exec(line);
    const item = /^Nội dung\s+([\d.,\svà]+?):\s*(.*)$/iu.exec(line);
    const time = /^Thời gian thực hiện:\s*(.*)$/iu.exec(line);
    if (chu && chu[1]) lead = names(chu[1]);
    else if (phoi) cooperating = names(phoi[1]!);
    else if (item) {
      const ids = names(item[2]!);
      for (const n of item[1]!
        .split(/,|\s+và\s+/u)
        .map((s) => s.trim())
        .filter(Boolean))
        leadByItem.set(n, ids);
    } else if (time) timing = time[1]!.replace(/\.$/u, '');
  }
  void known;
  return { leadByItem, lead, cooperating, timing, all };
}
