/** Plans registered from the web, each version with its state and source (`plan_registrations`). Append-only. */
import { iso, type SqlClient } from './sql.js';

export type RegistrationState = 'running' | 'ended';

export interface Registration {
  planId: string;
  planHash: string;
  state: RegistrationState;
  action: 'register' | 'amend';
  sourceName?: string | null;
  sourceSha256?: string | null;
  actor: string;
}

export interface RegistrationRepository {
  record(r: Registration): Promise<void>;
  /** The newest registration of every plan, newest plan first. */
  latest(): Promise<(Registration & { at: string })[]>;
}

type Row = {
  id: string | number;
  plan_id: string;
  plan_hash: string;
  state: RegistrationState;
  action: 'register' | 'amend';
  source_name: string | null;
  source_sha256: string | null;
  actor: string;
  at: Date;
};

export function sqlRegistrations(db: SqlClient): RegistrationRepository {
  return {
    async record(r) {
      await db.query('INSERT INTO plan_registrations (plan_id, plan_hash, state, action, source_name, source_sha256, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        r.planId,
        r.planHash,
        r.state,
        r.action,
        r.sourceName ?? null,
        r.sourceSha256 ?? null,
        r.actor,
      ]);
    },
    async latest() {
      const rows = await db.query<Row>(
        'SELECT DISTINCT ON (plan_id) id, plan_id, plan_hash, state, action, source_name, source_sha256, actor, at FROM plan_registrations ORDER BY plan_id, id DESC',
      );
      // Newest first by insertion order: two registrations can share a timestamp (the clock's resolution).
      return rows
        .sort((a, b) => Number(b.id) - Number(a.id))
        .map((r) => ({
          planId: r.plan_id,
          planHash: r.plan_hash,
          state: r.state,
          action: r.action,
          sourceName: r.source_name,
          sourceSha256: r.source_sha256,
          actor: r.actor,
          at: iso(r.at)!,
        }));
    },
  };
}
