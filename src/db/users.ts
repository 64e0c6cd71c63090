/** Staff accounts: the `staff_users` table. Hashing and checking passwords is src/web/auth.ts's job. */
import { iso, type SqlClient } from './sql.js';

export const ROLES = ['admin', 'officer', 'leader'] as const;
/** admin: manages accounts; officer: runs plans (approves, decides); leader: reads. */
export type Role = (typeof ROLES)[number];

export interface StaffAccount {
  name: string;
  passwordHash: string;
  role: Role;
  createdAt: string;
}

export interface UserRepository {
  find(name: string): Promise<StaffAccount | null>;
  /** Adds an account, or sets a new password (and role) on an existing one. */
  upsert(account: { name: string; passwordHash: string; role?: Role; createdAt?: string }): Promise<void>;
  list(): Promise<StaffAccount[]>;
  count(): Promise<number>;
  /** Changes an active account's role; false when there is no such account. */
  setRole(name: string, role: Role): Promise<boolean>;
  /** Closes an account (kept, for the audit log's names); false when there is no such active account. */
  disable(name: string): Promise<boolean>;
}

type Row = { name: string; password_hash: string; role: Role; created_at: Date };
const toAccount = (r: Row): StaffAccount => ({ name: r.name, passwordHash: r.password_hash, role: r.role, createdAt: iso(r.created_at)! });

export function sqlUsers(db: SqlClient): UserRepository {
  return {
    async find(name) {
      const [r] = await db.query<Row>('SELECT name, password_hash, role, created_at FROM staff_users WHERE name = $1 AND disabled_at IS NULL', [name]);
      return r ? toAccount(r) : null;
    },
    async upsert(a) {
      await db.query(
        `INSERT INTO staff_users (name, password_hash, role, created_at) VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()))
         ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = COALESCE($5, staff_users.role), updated_at = now()`,
        [a.name, a.passwordHash, a.role ?? 'officer', a.createdAt ?? null, a.role ?? null],
      );
    },
    async list() {
      return (await db.query<Row>('SELECT name, password_hash, role, created_at FROM staff_users WHERE disabled_at IS NULL ORDER BY name')).map(toAccount);
    },
    async setRole(name, role) {
      return (await db.query('UPDATE staff_users SET role = $2, updated_at = now() WHERE name = $1 AND disabled_at IS NULL RETURNING name', [name, role])).length > 0;
    },
    async disable(name) {
      return (await db.query('UPDATE staff_users SET disabled_at = now(), updated_at = now() WHERE name = $1 AND disabled_at IS NULL RETURNING name', [name])).length > 0;
    },
    async count() {
      const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_users WHERE disabled_at IS NULL');
      return r?.n ?? 0;
    },
  };
}
