/**
 * A real IMAP server for the bounce-mailbox test: Debian's `dovecot-imapd` (scripts/system-packages.sh),
 * run in the foreground from a temporary directory on a free port, one user with a static password and
 * a Maildir. Stopped and removed after.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface TestImap {
  url: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

export const dovecotMissing = () => (existsSync(DOVECOT) ? null : 'Dovecot is not installed: run `bash scripts/system-packages.sh` as root (Debian package `dovecot-imapd`).');

const idOf = (flag: '-u' | '-g', name: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());

export async function startDovecot(): Promise<TestImap> {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-imap-'));
  const port = await freePort();
  const user = 'bounces';
  const password = 'bounce-test-password';
  // Mail processes run as the package's `dovecot` user (Dovecot refuses root for mail).
  const uid = idOf('-u', 'dovecot');
  const gid = idOf('-g', 'dovecot');
  const home = join(dir, 'home');
  chmodSync(dir, 0o755);
  mkdirSync(join(home, user), { recursive: true });
  chownSync(join(home, user), uid, gid);
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    [
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      `instance_name = dondoc-test-${port}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `first_valid_uid = ${uid}`,
      `mail_location = maildir:${home}/%u/Maildir`,
      `passdb {\n  driver = static\n  args = password=${password}\n}`,
      `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${home}/%u\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`dovecot did not start on port ${port}: ${stderr.slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
