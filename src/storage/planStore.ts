/**
 * Plan versions by content hash. Workflows carry `{ planId, hash }`; activities load the plan here.
 * A plan is stored as its validated, normalised JSON, so the hash identifies exactly what runs.
 */
import { planSchema, type Plan } from '../plan/schema.js';
import type { PlanRef } from '../reporting/types.js';
import type { ContentStore } from './contentStore.js';

export class PlanStore {
  private readonly cache = new Map<string, Plan>();

  constructor(readonly store: ContentStore) {}

  async put(plan: Plan): Promise<PlanRef> {
    const { sha256 } = await this.store.put(JSON.stringify(plan), '.plan.json');
    this.cache.set(sha256, plan);
    return { planId: plan.id, hash: sha256 };
  }

  async get(ref: PlanRef): Promise<Plan> {
    const hit = this.cache.get(ref.hash);
    if (hit) return hit;
    const raw = JSON.parse((await this.store.get(ref.hash, '.plan.json')).toString('utf8')) as unknown;
    const plan = planSchema.parse(raw);
    if (plan.id !== ref.planId) throw new Error(`stored plan ${ref.hash} is "${plan.id}", not "${ref.planId}"`);
    this.cache.set(ref.hash, plan);
    return plan;
  }
}
