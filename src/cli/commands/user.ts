/**
 * `dondoc user add <name> [--role]`, `dondoc user list`: staff accounts of the dashboard, in the database
 * (`staff_users`, scrypt hashes). The password comes from DONDOC_USER_PASSWORD or standard input, never
 * from the command line, where it would stay in the shell history and the process list. With the
 * embedded database, dondoc must not be running (one process per data directory); with DATABASE_URL, any time.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { databaseTarget, openDatabase, type Database } from '../../db/index.js';
import { ROLES, type Role } from '../../db/users.js';
import { lockDataDir } from '../../runtime/lock.js';
import { addUser } from '../../web/auth.js';
import { CliError, printJson, printLines } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let lock: ReturnType<typeof lockDataDir> | undefined;
  try {
    if (!config.DATABASE_URL) lock = lockDataDir(config.DONDOC_DATA_DIR, 'user');
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n(the embedded database is used by the running instance: stop it, or add the account with DATABASE_URL set)`);
  }
  try {
    const db = await openDatabase(databaseTarget(config), { legacyDataDir: config.DONDOC_DATA_DIR });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('tài khoản cán bộ cơ quan thường trực / dashboard staff accounts');
  user
    .command('add')
    .argument('<name>', 'user name (letters, digits, . _ -)')
    .option('--role <role>', `${ROLES.join(' | ')} (default officer for a new account; unchanged for an existing one)`)
    .option('--json', 'machine-readable output')
    .description('add a staff account, or set a new password; password from DONDOC_USER_PASSWORD or the first line of stdin')
    .action(async (name: string, opts: { json?: boolean; role?: string }) => {
      if (opts.role && !ROLES.includes(opts.role as Role)) throw new CliError(`--role: one of ${ROLES.join(', ')}`);
      const password = process.env.DONDOC_USER_PASSWORD ?? (process.stdin.isTTY ? '' : await readStdin());
      if (!password) throw new CliError('password: set DONDOC_USER_PASSWORD or pipe it on stdin (echo "…" | dondoc user add name)');
      const saved = await withDatabase(async (db) => {
        try {
          await addUser(db.users, name, password, opts.role as Role | undefined);
        } catch (err) {
          throw new CliError((err as Error).message);
        }
        await db.audit.record({ actor: process.env.USER ?? 'cli', action: 'user-add', target: name, detail: { role: opts.role ?? null, via: 'cli' } });
        return db.users.find(name);
      });
      if (opts.json) printJson({ user: name, role: saved?.role });
      else printLines([`✓ ${name} (${saved?.role}): đã lưu tài khoản / account saved`]);
    });
  user
    .command('list')
    .option('--json', 'machine-readable output')
    .description('list staff accounts (names and roles)')
    .action(async (opts: { json?: boolean }) => {
      const users = await withDatabase((db) => db.users.list());
      if (opts.json) printJson(users.map((u) => ({ name: u.name, role: u.role, createdAt: u.createdAt })));
      else printLines(users.map((u) => `${u.name}  ${u.role}  ${u.createdAt}`));
    });
}
