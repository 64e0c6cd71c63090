import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { temporalTls } from '../../src/runtime/connect.js';
import { lockDataDir } from '../../src/runtime/lock.js';
import type { DeliveryLog } from '../../src/db/deliveries.js';
import { Mailer } from '../../src/mail/mailer.js';
import { smtpTuning, workerTuning } from '../../src/runtime/tuning.js';

describe('platform settings', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'dondoc-cfg-'));
    dirs.push(d);
    return d;
  };

  it('the worker and SMTP tuning defaults are the documented ones', () => {
    const config = loadConfig({});
    expect(workerTuning(config)).toEqual({ maxConcurrentActivityTaskExecutions: 100, maxConcurrentWorkflowTaskExecutions: 8 });
    expect(smtpTuning(config)).toEqual({ timeouts: { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 }, pool: { size: 5, rateLimit: undefined, rateDeltaMs: 1000 } });
    expect(workerTuning(loadConfig({ DONDOC_WORKFLOW_CACHE_SIZE: '0' }))).toMatchObject({ maxCachedWorkflows: 0 });
  });

  it('the tuning settings are read as given, and an empty value (SMTP_RATE_LIMIT= in a compose file) means the default', () => {
    const config = loadConfig({
      DONDOC_WORKFLOW_CACHE_SIZE: '2000',
      DONDOC_MAX_CONCURRENT_ACTIVITIES: '50',
      DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: ' 16 ',
      SMTP_POOL_SIZE: '3',
      SMTP_RATE_LIMIT: '10',
      SMTP_RATE_DELTA_MS: '2000',
    });
    expect(workerTuning(config)).toEqual({ maxConcurrentActivityTaskExecutions: 50, maxConcurrentWorkflowTaskExecutions: 16, maxCachedWorkflows: 2000 });
    expect(smtpTuning(config).pool).toEqual({ size: 3, rateLimit: 10, rateDeltaMs: 2000 });
    const empty = loadConfig({ SMTP_RATE_LIMIT: '', SMTP_POOL_SIZE: '', DONDOC_WORKFLOW_CACHE_SIZE: '' });
    expect(smtpTuning(empty).pool).toEqual({ size: 5, rateLimit: undefined, rateDeltaMs: 1000 });
    expect(workerTuning(empty)).not.toHaveProperty('maxCachedWorkflows');
  });

  it('the SMTP pool the mailer opens has the configured connections and rate', () => {
    const mailer = new Mailer({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'dondoc@example.gov.vn',
      deliveries: {} as DeliveryLog,
      ...smtpTuning(loadConfig({ SMTP_POOL_SIZE: '2', SMTP_RATE_LIMIT: '30', SMTP_RATE_DELTA_MS: '60000' })),
    });
    try {
      // nodemailer's pool keeps its options on the transport (lib/smtp-pool): what it opens and how fast it sends.
      const options = (mailer as unknown as { transport: { transporter: { options: Record<string, unknown> } } }).transport.transporter.options;
      expect(options).toMatchObject({ pool: true, maxConnections: 2, rateLimit: 30, rateDelta: 60_000 });
    } finally {
      mailer.close();
    }
  });

  it('a bad tuning value stops start-up with the variable, the allowed range, the unit and the value, in Vietnamese and English', () => {
    expect(() => loadConfig({ DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: 'tám' })).toThrow(
      'DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: phải là số nguyên từ 2 đến 10.000 (số workflow task) / must be a whole number from 2 to 10000 (workflow tasks); giá trị / value: "tám"',
    );
    expect(() => loadConfig({ DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(/DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: phải là số nguyên từ 2 /);
    expect(() => loadConfig({ SMTP_POOL_SIZE: '2.5' })).toThrow(/SMTP_POOL_SIZE: phải là số nguyên từ 1 đến 100 \(kết nối\)/);
    expect(() => loadConfig({ DONDOC_WORKFLOW_CACHE_SIZE: '-1' })).toThrow(/DONDOC_WORKFLOW_CACHE_SIZE: .*giá trị \/ value: "-1"/);
    expect(() => loadConfig({ SMTP_RATE_DELTA_MS: '1s' })).toThrow(/SMTP_RATE_DELTA_MS: phải là số nguyên từ 100 đến 86.400.000 \(mili giây\)/);
    expect(() => loadConfig({ DONDOC_MAX_CONCURRENT_ACTIVITIES: '0', SMTP_RATE_LIMIT: '0' })).toThrow(/DONDOC_MAX_CONCURRENT_ACTIVITIES: .*\n {2}SMTP_RATE_LIMIT: /);
  });

  it('an SMTP timeout as long as the activity (60 s) is refused, naming the variable', () => {
    expect(() => loadConfig({ SMTP_SOCKET_TIMEOUT_MS: '60000' })).toThrow(/SMTP_SOCKET_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: a postgres:\/\/ URL/);
  });

  it('TLS to Temporal: off by default, on with system roots, mTLS from files; a half pair or a missing file is refused by name', async () => {
    expect(temporalTls(loadConfig({}))).toBe(false);
    expect(temporalTls(loadConfig({ TEMPORAL_TLS: 'true', TEMPORAL_TLS_SERVER_NAME: 'temporal.sonla.gov.vn' }))).toEqual({ serverNameOverride: 'temporal.sonla.gov.vn' });
    const d = await tmp();
    for (const f of ['ca.pem', 'client.pem', 'client.key']) await writeFile(join(d, f), `-----BEGIN ${f}-----\n`);
    const tls = temporalTls(loadConfig({ TEMPORAL_TLS_CA_FILE: join(d, 'ca.pem'), TEMPORAL_TLS_CERT_FILE: join(d, 'client.pem'), TEMPORAL_TLS_KEY_FILE: join(d, 'client.key') }));
    expect(tls).toEqual({
      serverRootCACertificate: await readFile(join(d, 'ca.pem')),
      clientCertPair: { crt: await readFile(join(d, 'client.pem')), key: await readFile(join(d, 'client.key')) },
    });
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_FILE: join(d, 'client.pem') })).toThrow(/TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: set both/);
    expect(() => temporalTls(loadConfig({ TEMPORAL_TLS_CA_FILE: join(d, 'missing.pem') }))).toThrow(/TEMPORAL_TLS_CA_FILE: cannot read .*missing\.pem \(ENOENT\)/);
  });

  it('one instance per data directory: a live holder is named in the refusal, a dead one is taken over, a release frees it', async () => {
    const d = await tmp();
    const first = lockDataDir(d, 'start');
    expect(() => lockDataDir(d, 'worker')).toThrow(new RegExp(`in use by another dondoc \\(start, pid ${process.pid} `));
    first.release();
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max).
    await writeFile(join(d, 'dondoc.lock'), JSON.stringify({ pid: 4_194_305, host: (await import('node:os')).hostname(), role: 'start', since: '2026-06-01T00:00:00Z' }));
    const again = lockDataDir(d, 'web');
    expect(JSON.parse(await readFile(again.file, 'utf8'))).toMatchObject({ pid: process.pid, role: 'web' });
    again.release();
  });
});
