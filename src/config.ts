/**
 * Configuration: one validated schema read once at start from the environment. A wrong setting stops
 * start-up with a message naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const configSchema = z.object({
  /** host:port of an existing Temporal server or cluster; unset: `dondoc start` runs the embedded dev server. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** Task queue the worker polls. */
  DONDOC_TASK_QUEUE: z.string().default('dondoc'),
  /** SMTP transport URL (smtp://user:pass@host:port); unset: `dondoc start` runs the mail catcher. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address of every email. */
  MAIL_FROM: z.string().default('"Hệ thống đôn đốc báo cáo" <dondoc@example.gov.vn>'),
  /** Storage directory for plan versions, reports, attachments, the sent-mail log (and the dev server's SQLite file). */
  DONDOC_DATA_DIR: z.string().default('.data'),
  /**
   * Directory of announced calendars, one `YYYY.json` per year (README, "Ngày nghỉ"); read at run time, a new
   * or changed file is used within a minute. Unset: `<DONDOC_DATA_DIR>/calendar`.
   */
  DONDOC_CALENDAR_DIR: z.string().optional(),
  /** Base URL of the web app, used in submission links. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Port of the web app. */
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Port of the embedded Temporal dev server (gRPC); its Web UI is on 8233. */
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  /** Port of the embedded mail catcher's SMTP server. */
  MAIL_CATCHER_PORT: z.coerce.number().int().default(1025),
  /**
   * HMAC key for submission links (≥ 32 characters). Required when NODE_ENV=production. Unset otherwise:
   * a random key made at first start and kept in `<DONDOC_DATA_DIR>/link-secret` (mode 0600), so the
   * worker and the web of one installation agree and links survive restarts; never a constant.
   */
  LINK_SECRET: z.string().min(32).optional(),
  /**
   * Workflows a worker keeps in memory (sticky execution). Unset: the SDK's default, sized from memory.
   * 0 turns caching off: every task replays history, and a dead worker's tasks go to any other at once.
   */
  DONDOC_WORKFLOW_CACHE_SIZE: z.coerce.number().int().min(0).optional(),
  /** Days a submission link stays valid after the period's last day. */
  LINK_VALIDITY_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  /** Bearer token for scripts calling the JSON API (≥ 32 characters). Unset: the API answers staff sessions only. */
  DONDOC_API_TOKEN: z.string().min(32).optional(),
});

export type Config = z.output<typeof configSchema> & { LINK_SECRET: string };

export const linkSecretFile = (dataDir: string) => join(dataDir, 'link-secret');

/**
 * The development link key: read from the data directory, or made (32 random bytes) and written there
 * if absent. `wx` makes the first writer win when the worker and the web start together.
 */
export function developmentLinkSecret(dataDir: string): string {
  const file = linkSecretFile(dataDir);
  const read = () => readFileSync(file, 'utf8').trim();
  try {
    const existing = read();
    if (existing.length >= 32) return existing;
    throw new Error(`${file}: the stored link key is shorter than 32 characters; delete the file to make a new one`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    process.stderr.write(`dondoc: LINK_SECRET chưa đặt / not set: đã tạo khoá ngẫu nhiên cho môi trường phát triển / made a random development key in ${file}\n`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return read();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  if (!parsed.data.LINK_SECRET && env.NODE_ENV === 'production') throw new Error('invalid configuration:\n  LINK_SECRET: required in production');
  const config = { ...parsed.data } as Config;
  // Resolved on first use only: commands that sign no link (status, validate) leave the data directory alone.
  let secret = parsed.data.LINK_SECRET;
  Object.defineProperty(config, 'LINK_SECRET', { enumerable: true, get: () => (secret ??= developmentLinkSecret(parsed.data.DONDOC_DATA_DIR)) });
  return config;
}
