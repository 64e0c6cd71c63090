/**
 * The successor rule, once (STYLE: never two copies that can disagree). Pure: a plan and the directory
 * in, plain data out; no I/O, importable anywhere but workflows.
 *
 * 1. `applyDirectory` lays the directory over a plan: the directory's successions (the 2025
 *    reorganisation, entered once for every plan) replace the plan file's own, successors the plan does not
 *    name are added to it, and contacts are merged (a plan's real contacts override the directory's; the
 *    directory's real contacts override a plan's placeholders).
 * 2. On the plan that results, `holderOf` says who carries an agency's duties on a day (a split hands the
 *    reporting duty to the first successor listed), `holderTasks` lists each task an agency answers for
 *    once, whatever number of predecessors it was assigned through, and `dispatchList` gives one dispatch
 *    per holder. Every view (emails, portal, staff page, validation, consolidation) asks these.
 */
import type { Agency, Contact, Plan, Task } from '../plan/schema.js';
import { dispatchedAgencies } from '../plan/normalise.js';
import { slug } from '../import/text.js';
import { nameOn, type DirectoryAgency, type DirectorySnapshot } from './model.js';

/** `son-la` for a plan of Sơn La: the prefix of its agencies' directory ids. */
export const provinceKey = (province: string) => slug(province);

/** The directory id a plan agency refers to: its `directoryId`, else `<province>.<id>`. */
export const directoryIdOf = (plan: Pick<Plan, 'document'>, agency: Pick<Agency, 'id' | 'directoryId'>) =>
  agency.directoryId ?? `${provinceKey(plan.document.province)}.${agency.id}`;

/** The plan-local id for a directory agency the plan does not name: the id without the province prefix. */
const localIdOf = (plan: Pick<Plan, 'document'>, directoryId: string) => {
  const prefix = `${provinceKey(plan.document.province)}.`;
  return directoryId.startsWith(prefix) ? directoryId.slice(prefix.length) : directoryId;
};

/**
 * Per role, the first non-empty of: the plan's real contacts, the directory's real contacts, the plan's
 * placeholders, the directory's placeholders.
 */
export function mergeContacts(planContacts: readonly Contact[], dirContacts: readonly DirectoryAgency['contacts'][number][]): Contact[] {
  const out: Contact[] = [];
  for (const role of ['focal', 'head'] as const) {
    const fromDir = dirContacts
      .filter((c) => c.role === role)
      .map((c): Contact => ({ role, name: c.name, title: c.title, email: c.email, phone: c.phone, placeholder: c.placeholder }));
    const fromPlan = planContacts.filter((c) => c.role === role);
    const real = (l: Contact[]) => l.filter((c) => !c.placeholder);
    const pick = [real(fromPlan), real(fromDir), fromPlan, fromDir].find((l) => l.length > 0) ?? [];
    out.push(...pick);
  }
  return out;
}

/** The plan as it runs with the directory: successions and contacts from the directory, successors added. */
export function applyDirectory(plan: Plan, directory: DirectorySnapshot): Plan {
  if (directory.agencies.length === 0) return plan;
  const byId = new Map(directory.agencies.map((a) => [a.id, a]));
  const agencies: Agency[] = plan.agencies.map((a) => ({ ...a }));
  const localOf = new Map<string, string>(); // directory id → plan id
  for (const a of agencies) localOf.set(directoryIdOf(plan, a), a.id);

  // Successors may have successors: walk until no new agency appears (the directory is finite).
  for (let i = 0; i < agencies.length; i++) {
    const a = agencies[i]!;
    const d = byId.get(directoryIdOf(plan, a));
    if (!d) continue;
    a.contacts = mergeContacts(a.contacts, d.contacts);
    if (!d.successor) continue;
    const to = d.successor.to.map((s) => {
      let local = localOf.get(s.agencyId);
      if (!local) {
        const target = byId.get(s.agencyId);
        local = localIdOf(plan, s.agencyId);
        if (agencies.some((x) => x.id === local)) local = s.agencyId; // an id clash: the full directory id
        localOf.set(s.agencyId, local);
        const name = target ? nameOn(target, d.successor!.from) : { name: s.agencyId, shortName: undefined };
        agencies.push({
          id: local,
          name: name.name,
          ...(name.shortName ? { shortName: name.shortName } : {}),
          kind: target?.kind ?? a.kind,
          contacts: target ? mergeContacts([], target.contacts) : [],
          ...(local === s.agencyId ? {} : { directoryId: s.agencyId }),
          note: 'Cơ quan kế thừa theo danh bạ (không có tên trong văn bản).',
        });
      }
      return { share: s, local };
    });
    const functions = Object.fromEntries(to.filter((t) => t.share.functions).map((t) => [t.local, t.share.functions!]));
    const prefix = `${plan.id}:`;
    const tasks = Object.fromEntries(
      to.map((t) => [t.local, t.share.tasks.filter((x) => x.startsWith(prefix)).map((x) => x.slice(prefix.length))] as const).filter(([, l]) => l.length > 0),
    );
    a.successor = {
      from: d.successor.from,
      agencyIds: to.map((t) => t.local),
      ...(Object.keys(functions).length ? { functions } : {}),
      ...(Object.keys(tasks).length ? { tasks } : {}),
      ...(d.successor.basis ? { basis: d.successor.basis } : {}),
    };
  }
  return { ...plan, agencies };
}

/** A day after every succession: "whatever has ever passed to it" (validation, where no period day is at hand). */
export const EVER = '9999-12-31';

const agencyOf = (plan: Plan, id: string) => plan.agencies.find((a) => a.id === id);

/**
 * The agency that carries `agencyId`'s duties on `day` (a merger chain such as Sở LĐTBXH → Sở Nội vụ).
 * A split hands the duty to the first successor listed, or, for a task, to the successor that lists it.
 * Cycles in the data stop the walk.
 */
export function holderOf(plan: Plan, agencyId: string, day: string, taskId?: string): string {
  const seen = new Set<string>([agencyId]);
  let id = agencyId;
  for (;;) {
    const s = agencyOf(plan, id)?.successor;
    if (!s || s.from > day) return id;
    const byTask = taskId ? s.agencyIds.find((x) => s.tasks?.[x]?.includes(taskId)) : undefined;
    const next = byTask ?? s.agencyIds[0];
    if (!next || seen.has(next)) return id;
    seen.add(next);
    id = next;
  }
}

/** The agency answering on `day` for what the plan assigns to the standing agency (the issuer of its reports). */
export const standingOn = (plan: Plan, day: string) => holderOf(plan, plan.standingAgency, day);

/** The plan agencies whose duties `holder` carries on `day` (itself excluded), in plan order. */
export function predecessorsOf(plan: Plan, holder: string, day: string): Agency[] {
  return plan.agencies.filter((a) => a.id !== holder && holderOf(plan, a.id, day) === holder);
}

export interface HeldTask {
  task: Task;
  role: 'lead' | 'cooperating';
  /** The plan agencies the task was assigned to that `holder` now answers for (itself included when assigned). */
  via: string[];
}

/**
 * Each task `holder` answers for on `day`, once, in plan order: its own and those it inherited, whatever
 * number of predecessors named it. It leads when it or any predecessor led.
 */
export function holderTasks(plan: Plan, holder: string, day: string): HeldTask[] {
  return plan.tasks.flatMap((task): HeldTask[] => {
    const lead = task.lead.filter((a) => holderOf(plan, a, day, task.id) === holder);
    const coop = task.cooperating.filter((a) => holderOf(plan, a, day, task.id) === holder);
    if (lead.length === 0 && coop.length === 0) return [];
    return [{ task, role: lead.length ? 'lead' : 'cooperating', via: [...lead, ...coop] }];
  });
}

/** The name as shown where a plan names `agencyId` on `day`: "Sở Tài chính (tiếp nhận nhiệm vụ của Sở Kế hoạch và Đầu tư)". */
export function nameAsOf(plan: Plan, agencyId: string, day: string): string {
  const name = (id: string) => agencyOf(plan, id)?.name ?? id;
  const holder = holderOf(plan, agencyId, day);
  return holder === agencyId ? name(agencyId) : `${name(holder)} (tiếp nhận nhiệm vụ của ${name(agencyId)})`;
}

/** A holder's name with every agency it answers for: "Sở Tài chính (tiếp nhận nhiệm vụ của Sở Kế hoạch và Đầu tư)". */
export function holderDisplayName(plan: Plan, holder: string, day: string): string {
  const name = agencyOf(plan, holder)?.name ?? holder;
  const former = predecessorsOf(plan, holder, day).map((a) => a.name);
  return former.length ? `${name} (tiếp nhận nhiệm vụ của ${former.join(', ')})` : name;
}

export interface DispatchRecipient {
  /** The agency that receives the plan and reports (after successions). */
  agencyId: string;
  /** The plan agencies it answers for besides itself. */
  answersFor: string[];
}

/** One dispatch per agency that answers on `day`, in plan order of the first agency it answers for. */
export function dispatchList(plan: Plan, day: string): DispatchRecipient[] {
  const out = new Map<string, string[]>();
  for (const original of dispatchedAgencies(plan)) {
    const holder = holderOf(plan, original, day);
    const list = out.get(holder) ?? [];
    if (original !== holder) list.push(original);
    out.set(holder, list);
  }
  return [...out].map(([agencyId, answersFor]) => ({ agencyId, answersFor }));
}

/**
 * The agencies an ad-hoc report can be asked of on `day`: every plan agency not succeeded by then, but the
 * standing agency's holder (which asks).
 */
export function adhocCandidates(plan: Plan, day: string): Agency[] {
  const standing = standingOn(plan, day);
  return plan.agencies.filter((a) => a.id !== standing && holderOf(plan, a.id, day) === a.id);
}
