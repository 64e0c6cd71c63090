/**
 * How close an imported draft is to a hand-made reading of the same text: precision and recall per field.
 * Both sides are first brought to one shape, the `Extraction` (what a person writes down when reading a plan:
 * the document's identity, the standing agency, who is given work, targets, every reporting obligation), so a
 * hand-encoded plan (the seeds, plans/*.yaml) and a hand-written expectation (the corpus,
 * test/fixtures/import/corpus/*.expected.yaml) are scored by the same code. Agencies are compared by
 * normalised name (both sides through the importer's name → id function), never by the ids a file chose.
 */
import type { Plan, PlanInput } from '../plan/schema.js';
import { agencyId } from './agencies.js';

export interface Score {
  precision: number;
  recall: number;
  found: number;
  expected: number;
  matched: number;
  missing: string[];
  extra: string[];
}

export interface ExpectedDeadline {
  period: string;
  rule?: string;
  day?: number;
  month?: number;
  year?: number;
  monthsAfter?: number;
  assumed?: boolean;
}

export interface Extraction {
  document: { number: string | null; issuedOn: string | null; issuer: string; province: string };
  standingAgency: string;
  agencies: string[];
  tasks: { section: string; lead: string[]; cooperating: string[] }[];
  targets: { value: number; comparison: string; year: number }[];
  obligations: { kind: string; frequency: string; deadlines: ExpectedDeadline[] }[];
  adHoc: boolean;
}

/** The measures, in the order the tables show them. */
export const fields = ['document', 'standing', 'agencies', 'leads', 'cooperating', 'targets', 'frequencies', 'deadlines', 'adHoc'] as const;
export type Field = (typeof fields)[number];
export type Comparison = Record<Field, Score>;

type AnyPlan = Plan | PlanInput;

export function score(found: string[], expected: string[]): Score {
  const pool = [...expected];
  const extra: string[] = [];
  let matched = 0;
  for (const f of found) {
    const i = pool.indexOf(f);
    if (i >= 0) {
      pool.splice(i, 1);
      matched++;
    } else extra.push(f);
  }
  return {
    precision: found.length ? matched / found.length : expected.length ? 0 : 1,
    recall: expected.length ? matched / expected.length : 1,
    found: found.length,
    expected: expected.length,
    matched,
    missing: pool,
    extra,
  };
}

/** Agencies the document itself assigns or addresses (not successors declared for the reorganisation). */
function namedAgencies(plan: AnyPlan): string[] {
  const ids = new Set<string>([plan.standingAgency]);
  for (const t of plan.tasks ?? []) [...(t.lead ?? []), ...(t.cooperating ?? [])].forEach((a) => ids.add(a));
  for (const o of plan.reporting.obligations ?? []) if (o.reporters !== 'assigned') o.reporters.forEach((a) => ids.add(a));
  if (plan.reporting.adHoc) ids.add(plan.reporting.adHoc.to);
  return [...ids];
}

/** A plan file (hand-encoded or imported) read as an extraction: agency ids become their names. */
export function extractionOf(plan: AnyPlan): Extraction {
  const name = (id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  return {
    document: { number: plan.document.number, issuedOn: plan.document.issuedOn, issuer: plan.document.issuer, province: plan.document.province },
    standingAgency: name(plan.standingAgency),
    agencies: namedAgencies(plan).map(name),
    tasks: (plan.tasks ?? []).map((t) => ({ section: t.id, lead: (t.lead ?? []).map(name), cooperating: (t.cooperating ?? []).map(name) })),
    targets: (plan.targets ?? []).map((t) => ({ value: t.value, comparison: t.comparison ?? '>=', year: t.year })),
    obligations: (plan.reporting.obligations ?? []).map((o) => ({ kind: o.kind, frequency: o.frequency, deadlines: (o.deadlines ?? []).map((d) => ({ ...d })) })),
    adHoc: plan.reporting.adHoc !== undefined,
  };
}

/** "agency-report month before 16 +0m", "consolidated-report year before 15/12/2026"; assumed: period only. */
export function deadlineKey(kind: string, d: ExpectedDeadline): string {
  if (d.assumed) return `${kind} ${d.period} assumed`;
  const date = `${d.day}${d.month !== undefined ? `/${d.month}` : ''}${d.year !== undefined ? `/${d.year}` : ''}`;
  return `${kind} ${d.period} ${d.rule} ${date}${d.period === 'month' || d.period === 'quarter' ? ` +${d.monthsAfter ?? 0}m` : ''}`;
}

export function compareExtractions(found: Extraction, expected: Extraction): Comparison {
  const province = expected.document.province;
  const canon = (n: string) => agencyId(n, province);
  const doc = (e: Extraction) => [`number=${e.document.number}`, `issuedOn=${e.document.issuedOn}`, `issuer=${e.document.issuer}`, `province=${e.document.province}`];
  // A draft's task may be one dash of a numbered heading the expectation counts as one ("iii.4.2" under "iii.4").
  const sections = expected.tasks.map((t) => t.section).sort((a, b) => b.length - a.length);
  const sectionOf = (id: string) => sections.find((s) => id === s || id.startsWith(`${s}.`)) ?? id;
  const pairs = (e: Extraction, role: 'lead' | 'cooperating', map: (id: string) => string) => [
    ...new Set(e.tasks.flatMap((t) => t[role].map((a) => `${map(t.section)} ${canon(a)}`))),
  ];
  const deadlines = (e: Extraction) => e.obligations.flatMap((o) => o.deadlines.map((d) => deadlineKey(o.kind, d)));
  return {
    document: score(doc(found), doc(expected)),
    standing: score([canon(found.standingAgency)], [canon(expected.standingAgency)]),
    agencies: score([...new Set(found.agencies.map(canon))], [...new Set(expected.agencies.map(canon))]),
    leads: score(
      pairs(found, 'lead', sectionOf),
      pairs(expected, 'lead', (s) => s),
    ),
    cooperating: score(
      pairs(found, 'cooperating', sectionOf),
      pairs(expected, 'cooperating', (s) => s),
    ),
    targets: score(
      found.targets.map((t) => `${t.value} ${t.comparison} ${t.year}`),
      expected.targets.map((t) => `${t.value} ${t.comparison} ${t.year}`),
    ),
    frequencies: score(
      found.obligations.map((o) => `${o.kind} ${o.frequency}`),
      expected.obligations.map((o) => `${o.kind} ${o.frequency}`),
    ),
    deadlines: score(deadlines(found), deadlines(expected)),
    adHoc: score(found.adHoc ? ['ad-hoc'] : [], expected.adHoc ? ['ad-hoc'] : []),
  };
}

/** An imported draft against a hand-encoded plan (the seeds). */
export function comparePlans(imported: AnyPlan, hand: AnyPlan): Comparison {
  return compareExtractions(extractionOf(imported), extractionOf(hand));
}

const pr = (s: Score) => `${s.precision.toFixed(2)} / ${s.recall.toFixed(2)} (${s.matched}/${s.expected})`;

/** Sums of matched, found and expected over documents: micro-averaged precision and recall per field. */
export function totals(rows: readonly { comparison: Comparison }[]): Comparison {
  const out = {} as Comparison;
  for (const f of fields) {
    const found = rows.reduce((n, r) => n + r.comparison[f].found, 0);
    const expected = rows.reduce((n, r) => n + r.comparison[f].expected, 0);
    const matched = rows.reduce((n, r) => n + r.comparison[f].matched, 0);
    out[f] = { found, expected, matched, precision: found ? matched / found : expected ? 0 : 1, recall: expected ? matched / expected : 1, missing: [], extra: [] };
  }
  return out;
}

/** Per document, one row each (precision / recall (matched/expected) of every field), then the totals. */
export function markdownTable(rows: { name: string; comparison: Comparison }[], label = 'document'): string {
  const all = totals(rows);
  return [
    `| ${label} | ${fields.join(' | ')} |`,
    `|---|${fields.map(() => '---').join('|')}|`,
    ...rows.map(({ name, comparison: c }) => `| ${name} | ${fields.map((f) => pr(c[f])).join(' | ')} |`),
    `| **all** | ${fields.map((f) => `**${pr(all[f])}**`).join(' | ')} |`,
  ].join('\n');
}

/** Per field: precision and recall over every document of a set. */
export function fieldTable(rows: { name: string; comparison: Comparison }[]): string {
  const all = totals(rows);
  return [
    '| field | precision | recall | matched / found / expected |',
    '|---|---|---|---|',
    ...fields.map((f) => `| ${f} | ${all[f].precision.toFixed(2)} | ${all[f].recall.toFixed(2)} | ${all[f].matched} / ${all[f].found} / ${all[f].expected} |`),
  ].join('\n');
}
