/**
 * Plan versions by content hash. Workflows carry `{ planId, hash }`; activities load the plan here.
 * A plan is stored as its validated, normalised JSON, so the hash identifies exactly what the document
 * says; `get` lays the agency directory over it (successors, contacts), so a change in the directory
 * reaches every running plan without a new version.
 */
import { applyDirectory } from '../directory/resolve.js';
import type { DirectorySource } from '../directory/source.js';
import { planSchema, type Plan } from '../plan/schema.js';
import type { PlanRef } from '../reporting/types.js';
import type { ContentStore } from './contentStore.js';

export class PlanStore {
  private readonly cache = new Map<string, Plan>();

  constructor(
    readonly store: ContentStore,
    readonly directory?: DirectorySource,
  ) {}

  async put(plan: Plan): Promise<PlanRef> {
    const { sha256 } = await this.store.put(JSON.stringify(plan), '.plan.json');
    this.cache.set(sha256, plan);
    return { planId: plan.id, hash: sha256 };
  }

  async get(ref: PlanRef): Promise<Plan> {
    const plan = await this.stored(ref);
    return this.directory ? applyDirectory(plan, await this.directory.get()) : plan;
  }

  /** The plan as registered, without the directory. */
  async stored(ref: PlanRef): Promise<Plan> {
    const hit = this.cache.get(ref.hash);
    if (hit) return hit;
    const raw = JSON.parse((await this.store.get(ref.hash, '.plan.json')).toString('utf8')) as unknown;
    const plan = planSchema.parse(raw);
    if (plan.id !== ref.planId) throw new Error(`stored plan ${ref.hash} is "${plan.id}", not "${ref.planId}"`);
    this.cache.set(ref.hash, plan);
    return plan;
  }
}
