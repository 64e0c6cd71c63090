/** The audit log: who did what, when, from where (`audit_log`). Append-only. */
import { iso, type SqlClient } from './sql.js';

export interface AuditEntry {
  actor: string;
  /** e.g. `login`, `login-failed`, `logout`, `user-add`, `POST /plans/:planId/periods/:period/approve`. */
  action: string;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  recent(limit?: number): Promise<(AuditEntry & { at: string })[]>;
}

export function sqlAudit(db: SqlClient): AuditRepository {
  return {
    async record(e) {
      await db.query('INSERT INTO audit_log (actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5)', [
        e.actor,
        e.action,
        e.target ?? null,
        e.ip ?? null,
        JSON.stringify(e.detail ?? {}),
      ]);
    },
    async recent(limit = 100) {
      const rows = await db.query<{ at: Date; actor: string; action: string; target: string | null; ip: string | null; detail: Record<string, unknown> }>(
        'SELECT at, actor, action, target, ip, detail FROM audit_log ORDER BY id DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({ ...r, at: iso(r.at)! }));
    },
  };
}
