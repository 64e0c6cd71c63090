/**
 * Staff accounts. Passwords are hashed with scrypt (a memory-hard KDF, in node:crypto) and a random salt;
 * accounts live in the database (`staff_users`), managed by `dondoc user add`. Sessions are in the
 * database too (src/db/sessions.ts), so a restart or another web replica keeps staff logged in.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ROLES, type Role, type UserRepository } from '../db/users.js';

// N=2^15, r=8: about 32 MiB and tens of milliseconds per check: slow for guessing, fine for a login.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEYLEN = 32;

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** `scrypt$N$r$p$salt$hash` (base64url), self-describing so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(key, expected);
}

export interface StaffUser {
  name: string;
  hash: string;
  role?: Role;
  createdAt: string;
}

/** Adds a staff account, or sets a new password (and role) on an existing one. */
export async function addUser(users: UserRepository, name: string, password: string, role?: Role): Promise<void> {
  if (!/^[a-z0-9._-]{2,64}$/i.test(name)) throw new Error('user name: 2–64 letters, digits, ".", "_" or "-"');
  if (password.length < 10) throw new Error('password: at least 10 characters');
  if (role && !ROLES.includes(role)) throw new Error(`role: one of ${ROLES.join(', ')}`);
  await users.upsert({ name, passwordHash: await hashPassword(password), role });
}

/** Who may log in: the accounts in the database (read at each login, so `dondoc user add` needs no restart) plus in-memory extras (the dev account). */
export class StaffDirectory {
  constructor(
    private readonly users: Pick<UserRepository, 'find'> | null,
    private readonly extra: StaffUser[] = [],
  ) {}

  async check(name: string, password: string): Promise<boolean> {
    const extra = this.extra.find((u) => u.name === name);
    const stored = extra ? null : await this.users?.find(name);
    const hash = extra?.hash ?? stored?.passwordHash;
    // Hash anyway when the name is unknown, so the answer takes as long either way.
    const ok = await verifyPassword(password, hash ?? DUMMY_HASH);
    return Boolean(hash) && ok;
  }

  /** The role of an account, read at each request (a changed role or a closed account counts at once); null: no such account. */
  async roleOf(name: string): Promise<Role | null> {
    const extra = this.extra.find((u) => u.name === name);
    if (extra) return extra.role ?? 'officer';
    return (await this.users?.find(name))?.role ?? null;
  }
}

const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEYLEN).toString('base64url')}`;

/** Compares a bearer token in constant time. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
