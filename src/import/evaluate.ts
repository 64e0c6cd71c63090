/**
 * How close an imported draft is to a hand-encoded plan: precision and recall of agencies, tasks' lead
 * agencies, targets and deadlines. Agencies are matched by normalised name (the hand-encoded files use
 * their own ids), so both sides go through the same name → id function.
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

export interface Comparison {
  agencies: Score;
  leads: Score;
  targets: Score;
  deadlines: Score;
}

type AnyPlan = Plan | PlanInput;

function score(found: string[], expected: string[]): Score {
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
function namedAgencies(plan: AnyPlan): Set<string> {
  const ids = new Set<string>([plan.standingAgency]);
  for (const t of plan.tasks ?? []) [...(t.lead ?? []), ...(t.cooperating ?? [])].forEach((a) => ids.add(a));
  for (const o of plan.reporting.obligations ?? []) if (o.reporters !== 'assigned') o.reporters.forEach((a) => ids.add(a));
  if (plan.reporting.adHoc) ids.add(plan.reporting.adHoc.to);
  return ids;
}

export function comparePlans(imported: AnyPlan, hand: AnyPlan): Comparison {
  const canon = (plan: AnyPlan) => {
    const byId = new Map(plan.agencies.map((a) => [a.id, agencyId(a.name, plan.document.province)]));
    return (id: string) => byId.get(id) ?? id;
  };
  const ci = canon(imported);
  const ch = canon(hand);
  const agencies = (plan: AnyPlan, c: (id: string) => string) => [...new Set([...namedAgencies(plan)].map(c))];
  const leads = (plan: AnyPlan, c: (id: string) => string) => (plan.tasks ?? []).flatMap((t) => (t.lead ?? []).map((a) => `${t.id} ${c(a)}`));
  const targets = (plan: AnyPlan) => (plan.targets ?? []).map((t) => `${t.value} ${t.comparison ?? '>='} ${t.year}`);
  const deadlines = (plan: AnyPlan) =>
    (plan.reporting.obligations ?? []).flatMap((o) =>
      (o.deadlines ?? []).map((d) => `${o.kind} ${d.period} ${d.rule} ${d.day}/${d.month}${d.year ? `/${d.year}` : ''}${d.assumed ? ' assumed' : ''}`),
    );
  return {
    agencies: score(agencies(imported, ci), agencies(hand, ch)),
    leads: score(leads(imported, ci), leads(hand, ch)),
    targets: score(targets(imported), targets(hand)),
    deadlines: score(deadlines(imported), deadlines(hand)),
  };
}

const pct = (s: Score) => `${s.precision.toFixed(2)} / ${s.recall.toFixed(2)}`;

/** A Markdown table, one row per seed: precision / recall of each measure. */
export function markdownTable(rows: { name: string; comparison: Comparison }[]): string {
  const lines = [
    '| seed | agencies P / R | lead agencies P / R | targets P / R | deadlines P / R |',
    '|---|---|---|---|---|',
    ...rows.map(({ name, comparison: c }) => `| ${name} | ${pct(c.agencies)} (${c.agencies.matched}/${c.agencies.expected}) | ${pct(c.leads)} (${c.leads.matched}/${c.leads.expected}) | ${pct(c.targets)} (${c.targets.matched}/${c.targets.expected}) | ${pct(c.deadlines)} (${c.deadlines.matched}/${c.deadlines.expected}) |`),
  ];
  return lines.join('\n');
}
