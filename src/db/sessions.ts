/**
 * Staff sessions: the `staff_sessions` table, shared by every web replica, so a login survives a restart
 * and works on any replica. The cookie holds a random 256-bit id; the table holds its SHA-256 only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient } from './sql.js';

export interface Session {
  user: string;
  /** Epoch ms. */
  expires: number;
}

export interface SessionRepository {
  readonly ttlMs: number;
  /** A new session; returns the id for the cookie. */
  create(user: string, meta?: { ip?: string; userAgent?: string }): Promise<string>;
  get(id: string | undefined): Promise<Session | null>;
  destroy(id: string | undefined): Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 8 * 3600_000;
const digest = (id: string) => createHash('sha256').update(id).digest('hex');
const newId = () => randomBytes(32).toString('base64url');

export function sqlSessions(db: SqlClient, ttlMs = DEFAULT_SESSION_TTL_MS): SessionRepository {
  return {
    ttlMs,
    async create(user, meta = {}) {
      const id = newId();
      await db.query('INSERT INTO staff_sessions (id_sha256, user_name, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)', [
        digest(id),
        user,
        new Date(Date.now() + ttlMs),
        meta.ip ?? null,
        meta.userAgent?.slice(0, 300) ?? null,
      ]);
      // Expired rows go on each login: no timer, and the table stays as small as the staff.
      await db.query('DELETE FROM staff_sessions WHERE expires_at < now()');
      return id;
    },
    async get(id) {
      if (!id || id.length > 100) return null;
      const [r] = await db.query<{ user_name: string; expires_at: Date }>('SELECT user_name, expires_at FROM staff_sessions WHERE id_sha256 = $1 AND expires_at > now()', [
        digest(id),
      ]);
      return r ? { user: r.user_name, expires: r.expires_at.getTime() } : null;
    },
    async destroy(id) {
      if (id) await db.query('DELETE FROM staff_sessions WHERE id_sha256 = $1', [digest(id)]);
    },
  };
}

/** Sessions in this process's memory: for a web built without a database (unit tests of routes). */
export function memorySessions(ttlMs = DEFAULT_SESSION_TTL_MS): SessionRepository {
  const sessions = new Map<string, Session>();
  return {
    ttlMs,
    async create(user) {
      const id = newId();
      sessions.set(digest(id), { user, expires: Date.now() + ttlMs });
      return id;
    },
    async get(id) {
      if (!id) return null;
      const s = sessions.get(digest(id));
      if (!s || s.expires < Date.now()) return null;
      return s;
    },
    async destroy(id) {
      if (id) sessions.delete(digest(id));
    },
  };
}
