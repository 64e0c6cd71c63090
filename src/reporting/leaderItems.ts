/**
 * What a leader's digest workflow keeps: the agencies at their leader step, across plans and periods.
 * Plain JSON, no imports: the workflow (workflows/leaderDigestWorkflow.ts) runs these functions, so they
 * must stay deterministic and bundle-safe.
 */

/** "Agency X of plan P, period Q is at its leader step since D". */
export interface LeaderItem {
  planId: string;
  /** The plan version the cycle runs (names and links are read from it). */
  planHash: string;
  period: string;
  periodLabel: string;
  agencyId: string;
  /** The effective last day the agency missed (YYYY-MM-DD), after any extension. */
  lastDay: string;
  /** When it reached its leader step (ISO instant, +07:00). */
  since: string;
  /** Already listed in one of this leader's digests (an item handed over from another leader is not). */
  listed?: boolean;
  /** Its period closed before the leader was told: listed once more, then dropped. */
  closing?: boolean;
}

export interface ItemRef {
  planId: string;
  period: string;
  agencyId: string;
}

export const itemKey = (i: ItemRef) => `${i.planId}|${i.period}|${i.agencyId}`;

/** Adds or refreshes items: a repeated signal (an activity retried) changes nothing; `listed` is kept. */
export function addItems(items: readonly LeaderItem[], added: readonly LeaderItem[]): LeaderItem[] {
  const byKey = new Map(items.map((i) => [itemKey(i), i]));
  for (const a of added) {
    const old = byKey.get(itemKey(a));
    byKey.set(itemKey(a), { ...a, listed: old?.listed ?? a.listed ?? false });
  }
  return [...byKey.values()];
}

export function removeItems(items: readonly LeaderItem[], removed: readonly ItemRef[]): LeaderItem[] {
  const gone = new Set(removed.map(itemKey));
  return items.filter((i) => !gone.has(itemKey(i)));
}

/**
 * A period closed: its agencies leave the digest, except those the leader has not been told of yet (a period
 * whose ladder ends on the leader's step, as an ad-hoc request's does): they are listed once, then dropped.
 */
export function closeItems(items: readonly LeaderItem[], closed: readonly ItemRef[]): LeaderItem[] {
  const gone = new Set(closed.map(itemKey));
  return items.filter((i) => !gone.has(itemKey(i)) || !i.listed).map((i) => (gone.has(itemKey(i)) ? { ...i, closing: true } : i));
}

/** After a digest: what it listed is news no more, and a closed period's agencies go. */
export function afterDigest(items: readonly LeaderItem[], listedKeys: readonly string[]): LeaderItem[] {
  const listed = new Set(listedKeys);
  return items.filter((i) => !(i.closing && listed.has(itemKey(i)))).map((i) => (listed.has(itemKey(i)) ? { ...i, listed: true } : i));
}

/** The items a digest at `slot` lists: those at their leader step by then. */
export const dueAt = (items: readonly LeaderItem[], slot: string) => items.filter((i) => Date.parse(i.since) <= Date.parse(slot));

/**
 * Whether a digest goes out: `news` (default) when an agency reached its leader step since the last
 * digest, listing every agency still at it; `daily` on every working day something is listed.
 */
export type DigestRepeat = 'news' | 'daily';
export const digestWanted = (due: readonly LeaderItem[], repeat: DigestRepeat) => (repeat === 'daily' ? due.length > 0 : due.some((i) => !i.listed));
