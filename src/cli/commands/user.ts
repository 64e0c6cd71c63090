/**
 * `dondoc user add <name>`: staff accounts of the dashboard, in `<DONDOC_DATA_DIR>/users.json`
 * (scrypt hashes). The password comes from DONDOC_USER_PASSWORD or standard input, never from the
 * command line, where it would stay in the shell history and the process list.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { addUser, readUsers, usersFile } from '../../web/auth.js';
import { CliError, printJson, printLines } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('tài khoản cán bộ cơ quan thường trực / dashboard staff accounts');
  user
    .command('add')
    .argument('<name>', 'user name (letters, digits, . _ -)')
    .option('--json', 'machine-readable output')
    .description('add a staff account, or set a new password; password from DONDOC_USER_PASSWORD or the first line of stdin')
    .action(async (name: string, opts: { json?: boolean }) => {
      const config = loadConfig();
      const password = process.env.DONDOC_USER_PASSWORD ?? (process.stdin.isTTY ? '' : await readStdin());
      if (!password) throw new CliError('password: set DONDOC_USER_PASSWORD or pipe it on stdin (echo "…" | dondoc user add name)');
      const file = usersFile(config.DONDOC_DATA_DIR);
      try {
        await addUser(file, name, password);
      } catch (err) {
        throw new CliError((err as Error).message);
      }
      if (opts.json) printJson({ user: name, file });
      else printLines([`✓ ${name}: đã lưu tài khoản / account saved in ${file}`]);
    });
  user
    .command('list')
    .option('--json', 'machine-readable output')
    .description('list staff accounts (names only)')
    .action(async (opts: { json?: boolean }) => {
      const users = await readUsers(usersFile(loadConfig().DONDOC_DATA_DIR));
      if (opts.json) printJson(users.map((u) => ({ name: u.name, createdAt: u.createdAt })));
      else printLines(users.map((u) => `${u.name}  ${u.createdAt}`));
    });
}
