/**
 * Staff accounts and sessions. Passwords are hashed with scrypt (a memory-hard KDF, in node:crypto) and
 * a random salt; accounts live in `<DONDOC_DATA_DIR>/users.json`, managed by `dondoc user add`.
 * Sessions are random ids kept in memory: a restart of the web logs staff out, which is acceptable for
 * one web process and keeps no secret on disk.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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
  createdAt: string;
}

export const usersFile = (dataDir: string) => join(dataDir, 'users.json');

export async function readUsers(file: string): Promise<StaffUser[]> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StaffUser[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Adds or replaces (a new password for) a user. Written then renamed: never a half-written file. */
export async function addUser(file: string, name: string, password: string): Promise<void> {
  if (!/^[a-z0-9._-]{2,64}$/i.test(name)) throw new Error('user name: 2–64 letters, digits, ".", "_" or "-"');
  if (password.length < 10) throw new Error('password: at least 10 characters');
  const users = (await readUsers(file)).filter((u) => u.name !== name);
  users.push({ name, hash: await hashPassword(password), createdAt: new Date().toISOString() });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(users, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/** Who may log in: the users file (read at each login, so `dondoc user add` needs no restart) plus in-memory extras (the dev account). */
export class StaffDirectory {
  constructor(
    private readonly file: string | null,
    private readonly extra: StaffUser[] = [],
  ) {}

  async check(name: string, password: string): Promise<boolean> {
    const users = [...this.extra, ...(this.file ? await readUsers(this.file) : [])];
    const user = users.find((u) => u.name === name);
    // Hash anyway when the name is unknown, so the answer takes as long either way.
    const ok = await verifyPassword(password, user?.hash ?? DUMMY_HASH);
    return Boolean(user) && ok;
  }
}

const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEYLEN).toString('base64url')}`;

export interface Session {
  user: string;
  expires: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(readonly ttlMs = 8 * 3600_000) {}

  create(user: string): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { user, expires: Date.now() + this.ttlMs });
    return id;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expires < Date.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
}

/** Compares a bearer token in constant time. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
