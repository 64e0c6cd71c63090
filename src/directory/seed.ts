/**
 * The directory's first contents, built from what the repository already holds: the agencies of the seed
 * plans (their names as the documents write them, kinds, contacts) and the 2025 reorganisation
 * (`src/import/reorganisation.ts`, Decree 45/2025 and the two-level local government), applied once
 * here for every plan. A plan file's own successor block wins over the generic rule (it may say which
 * successor takes which function). Pure.
 */
import { addDays } from '../calendar/isoDate.js';
import { reorganisation } from '../import/reorganisation.js';
import type { Plan } from '../plan/schema.js';
import { directoryAgencySchema, type DirectoryAgency } from './model.js';
import { directoryIdOf, provinceKey } from './resolve.js';

export function seedDirectory(plans: readonly Plan[]): DirectoryAgency[] {
  const out = new Map<string, DirectoryAgency>();
  const add = (a: DirectoryAgency) => {
    const had = out.get(a.id);
    if (!had) return void out.set(a.id, a);
    // The same agency named by two plans: keep the first record, gather contacts and a succession.
    for (const c of a.contacts) if (!had.contacts.some((x) => x.role === c.role && x.email === c.email)) had.contacts.push(c);
    had.successor ??= a.successor;
  };
  for (const plan of plans) {
    const province = plan.document.province;
    const dirId = (localId: string) => {
      const a = plan.agencies.find((x) => x.id === localId);
      return a ? directoryIdOf(plan, a) : `${provinceKey(province)}.${localId}`;
    };
    for (const a of plan.agencies) {
      const rule = reorganisation[a.id];
      const successor: DirectoryAgency['successor'] = a.successor
        ? {
            from: a.successor.from,
            to: a.successor.agencyIds.map((s) => ({
              agencyId: dirId(s),
              functions: a.successor!.functions?.[s],
              tasks: (a.successor!.tasks?.[s] ?? []).map((t) => `${plan.id}:${t}`),
            })),
            basis: a.successor.basis,
          }
        : rule
          ? { from: rule.from, to: rule.successors.map((s) => ({ agencyId: dirId(s.id), functions: s.function, tasks: [] })), basis: rule.basis }
          : null;
      add(
        directoryAgencySchema.parse({
          id: directoryIdOf(plan, a),
          province,
          kind: a.kind,
          names: [{ name: a.name, shortName: a.shortName, from: null, to: successor ? addDays(successor.from, -1) : null }],
          contacts: a.contacts.map((c) => ({ role: c.role, name: c.name, title: c.title, email: c.email, phone: c.phone, placeholder: c.placeholder })),
          successor,
          note: a.note,
        }),
      );
      // Successors of the rule a plan does not name still belong in the directory.
      for (const s of successor ? (rule?.successors ?? []) : []) {
        const id = dirId(s.id);
        if (!plan.agencies.some((x) => directoryIdOf(plan, x) === id)) add(directoryAgencySchema.parse({ id, province, kind: s.kind, names: [{ name: s.name }] }));
      }
    }
  }
  return [...out.values()];
}
