/**
 * Configuration: one validated schema read once at start from the environment. A wrong setting stops
 * start-up with a message naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatViNumber } from './edge/viNumber.js';
import { DEFAULT_DIGEST_TIMING, timingProblem, type DigestTiming } from './reporting/leaderDigest.js';
import { PROVINCE_SLUG, PROVINCE_SLUG_MAX, provinceDataDir, provinceLinkSecret, provinceNamespace, provinceSchema, SCHEMA_NAME } from './runtime/province.js';

/**
 * A whole-number setting (a count or a duration in ms): unset or empty (`SMTP_RATE_LIMIT=` in a compose
 * file) means the default; anything else must be an integer within [min, max], or start-up stops with the
 * variable, the range, the unit and the value given, in Vietnamese and English.
 */
function wholeNumber(range: { min: number; max: number; unit: readonly [vi: string, en: string] }, fallback: number): z.ZodType<number, string | undefined>;
function wholeNumber(range: { min: number; max: number; unit: readonly [vi: string, en: string] }): z.ZodType<number | undefined, string | undefined>;
function wholeNumber(range: { min: number; max: number; unit: readonly [vi: string, en: string] }, fallback?: number): z.ZodType<unknown, string | undefined> {
  const { min, max, unit } = range;
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = raw?.trim() ?? '';
      if (s === '') return fallback;
      const n = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({
        code: 'custom',
        message: `phải là số nguyên từ ${formatViNumber(min)} đến ${formatViNumber(max)} (${unit[0]}) / must be a whole number from ${min} to ${max} (${unit[1]}); giá trị / value: ${JSON.stringify(raw).slice(0, 40)}`,
      });
      return z.NEVER;
    });
}
const MS = ['mili giây', 'ms'] as const;

const clockTime = (what: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = raw?.trim() ?? '';
      if (s === '') return undefined;
      if (/^([01]\d|2[0-3]):[0-5]\d$/.test(s)) return s;
      ctx.addIssue({ code: 'custom', message: `${what}: phải là giờ HH:MM (ví dụ 08:00) / must be HH:MM; giá trị / value: ${JSON.stringify(raw).slice(0, 40)}` });
      return z.NEVER;
    });

export const configSchema = z.object({
  /**
   * One province of a national deployment (docs/deployment.md), e.g. `son-la`. Set: the namespace defaults to
   * `dondoc-<slug>`, the database schema to `province_<slug>`, the files go to `<DONDOC_DATA_DIR>/provinces/<slug>`
   * and links are signed with a key derived for the province. Unset: one province per installation, as before.
   */
  DONDOC_PROVINCE: z.string().max(PROVINCE_SLUG_MAX).regex(PROVINCE_SLUG, 'a province slug: lower-case words joined by hyphens, e.g. son-la').optional(),
  /** PostgreSQL schema of dondoc's tables (search_path), created if absent. Unset: `province_<slug>` with DONDOC_PROVINCE, else the server's default (public). */
  DONDOC_DB_SCHEMA: z.string().regex(SCHEMA_NAME, 'a schema name: lower-case letters, digits and _, at most 63').optional(),
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
   * Development: recipients the mail catcher answers with a real DSN sent to dondoc's bounce endpoint,
   * `address=status` pairs (`a@b.vn=5.1.1,c@d.vn=4.2.2,e@f.vn=2.0.0`, `=text:5.1.1` for a plain-text notice).
   */
  MAIL_CATCHER_BOUNCE: z.string().optional(),
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
  DONDOC_WORKFLOW_CACHE_SIZE: wholeNumber({ min: 0, max: 1_000_000, unit: ['số workflow', 'workflows'] }),
  /** Concurrent activity executions per worker (SDK default 100). Mail goes out through the SMTP pool below. */
  DONDOC_MAX_CONCURRENT_ACTIVITIES: wholeNumber({ min: 1, max: 10_000, unit: ['số activity', 'activities'] }, 100),
  /** Concurrent workflow tasks per worker (SDK default 40). */
  DONDOC_MAX_CONCURRENT_WORKFLOW_TASKS: wholeNumber({ min: 2, max: 10_000, unit: ['số workflow task', 'workflow tasks'] }, 8),
  /**
   * PostgreSQL connection URL for dondoc's own data (staff, sessions, delivery and audit logs):
   * postgres://user:password@host:5432/dondoc. Unset: an embedded PostgreSQL (PGlite) in
   * `<DONDOC_DATA_DIR>/db`, for one process only (`dondoc start`).
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  /** SMTP connection timeout, ms (default 10 s). Each SMTP timeout stays below the notification activity's 1-minute start-to-close. */
  SMTP_CONNECTION_TIMEOUT_MS: wholeNumber({ min: 1000, max: 55_000, unit: MS }, 10_000),
  /** SMTP greeting timeout after connecting, ms (default 10 s). */
  SMTP_GREETING_TIMEOUT_MS: wholeNumber({ min: 1000, max: 55_000, unit: MS }, 10_000),
  /** SMTP socket inactivity timeout, ms (default 30 s). */
  SMTP_SOCKET_TIMEOUT_MS: wholeNumber({ min: 1000, max: 55_000, unit: MS }, 30_000),
  /** Pooled SMTP connections per worker (default 5). */
  SMTP_POOL_SIZE: wholeNumber({ min: 1, max: 100, unit: ['kết nối', 'connections'] }, 5),
  /** At most this many messages per SMTP_RATE_DELTA_MS, per worker (unset: no limit), for a relay that throttles. */
  SMTP_RATE_LIMIT: wholeNumber({ min: 1, max: 1_000_000, unit: ['thư', 'messages'] }),
  /** The window of SMTP_RATE_LIMIT, ms (default 1000). */
  SMTP_RATE_DELTA_MS: wholeNumber({ min: 100, max: 86_400_000, unit: MS }, 1000),
  /** Address the web binds (default 127.0.0.1; 0.0.0.0 in a container behind a proxy). */
  WEB_HOST: z.string().default('127.0.0.1'),
  /** TLS to Temporal (true/false; default false, implied by any TEMPORAL_TLS_* file). */
  TEMPORAL_TLS: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** PEM file of the CA that signed the Temporal server's certificate (default: the system's roots). */
  TEMPORAL_TLS_CA_FILE: z.string().optional(),
  /** PEM client certificate for mTLS (with TEMPORAL_TLS_KEY_FILE). */
  TEMPORAL_TLS_CERT_FILE: z.string().optional(),
  /** PEM private key of the client certificate. */
  TEMPORAL_TLS_KEY_FILE: z.string().optional(),
  /** Server name to verify instead of the address's host (SNI), e.g. when connecting through an IP. */
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  /** Days a submission link stays valid after the period's last day. */
  LINK_VALIDITY_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  /** Bearer token for scripts calling the JSON API (≥ 32 characters). Unset: the API answers staff sessions only. */
  DONDOC_API_TOKEN: z.string().min(32).optional(),
  /**
   * Bounce domain for per-message return paths (VERP): each message's envelope sender becomes
   * `bounce+<token>@<domain>`. The domain's MX (or the relay's transport map) must deliver to dondoc's bounce
   * endpoint or to the bounce mailbox. Unset: the envelope sender is MAIL_FROM; bounces match by Message-ID.
   */
  DONDOC_BOUNCE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'a domain name, e.g. bounces.sonla.gov.vn')
    .optional(),
  /**
   * Port of the inbound SMTP endpoint for bounces (DSNs). `dondoc start`: default 2526. `dondoc worker`: only
   * when set (one endpoint per machine, not one per worker).
   */
  DONDOC_BOUNCE_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address the bounce endpoint binds (default 127.0.0.1: only the relay on this machine or network should reach it). */
  DONDOC_BOUNCE_SMTP_HOST: z.string().default('127.0.0.1'),
  /**
   * Proof of notice before escalation (src/mail/proofGate.ts): hours after which a notice the relay accepted,
   * with no bounce or delay reported, counts as delivered. Default 24. `none`: only a delivery the relay
   * reports (DSN 2.x.x) or an open of the agency's link counts.
   */
  DONDOC_PROOF_ACCEPTED_HOURS: z
    .union(
      [
        z.literal('none'),
        z.coerce
          .number()
          .min(0)
          .max(24 * 30),
      ],
      { error: 'a number of hours (e.g. 24) or "none"' },
    )
    .default(24),
  /** A bounce mailbox to read over IMAP: imaps://user:password@host:993/INBOX (README, "Bounces"). Unset: none. */
  DONDOC_BOUNCE_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'an imap:// or imaps:// URL')
    .optional(),
  /** Seconds between two reads of the bounce mailbox (default 60). */
  DONDOC_BOUNCE_IMAP_INTERVAL_S: z.coerce.number().int().min(5).max(86_400).default(60),
  /** Clock time (HH:MM, Asia/Ho_Chi_Minh) of the leader's digest and the officer's summary, on working days (default 08:00). */
  DONDOC_DIGEST_HOUR: clockTime('giờ gửi thư tổng hợp'),
  /**
   * Quiet hours, `HH:MM-HH:MM` (may wrap midnight; default 18:00-07:00), or `none`: no digest goes out in
   * them; one held up past the start (a worker down) is not sent late, the next working day's lists it all.
   */
  DONDOC_DIGEST_QUIET_HOURS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = raw?.trim() ?? '';
      if (s === '') return undefined;
      if (s === 'none') return null;
      const m = /^(([01]\d|2[0-3]):[0-5]\d)-(([01]\d|2[0-3]):[0-5]\d)$/.exec(s);
      if (m && m[1] !== m[3]) return { from: m[1]!, to: m[3]! };
      ctx.addIssue({
        code: 'custom',
        message: `phải là HH:MM-HH:MM (ví dụ 18:00-07:00) hoặc none / must be HH:MM-HH:MM or none; giá trị / value: ${JSON.stringify(raw).slice(0, 40)}`,
      });
      return z.NEVER;
    }),
  /** `news` (default): a digest on a working day when an agency newly reached its leader step; `daily`: every working day something is listed. */
  DONDOC_DIGEST_REPEAT: z.enum(['news', 'daily']).default('news'),
});

export type Config = z.output<typeof configSchema> & { LINK_SECRET: string };

/**
 * A province's settings named from its slug, unless set explicitly (the namespace, the schema, the calendar
 * directory). The data directory is always the province's own subdirectory: one shared volume for the fleet.
 * The announced calendar is the government's, one for every province: `<DONDOC_DATA_DIR>/calendar`.
 */
function scopeToProvince(config: z.output<typeof configSchema>, env: NodeJS.ProcessEnv): z.output<typeof configSchema> {
  const slug = config.DONDOC_PROVINCE;
  if (!slug) return config;
  const root = config.DONDOC_DATA_DIR;
  return {
    ...config,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE?.trim() ? config.TEMPORAL_NAMESPACE : provinceNamespace(slug),
    DONDOC_DB_SCHEMA: config.DONDOC_DB_SCHEMA ?? provinceSchema(slug),
    DONDOC_CALENDAR_DIR: config.DONDOC_CALENDAR_DIR ?? join(root, 'calendar'),
    DONDOC_DATA_DIR: provinceDataDir(root, slug),
  };
}

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
  if (Boolean(parsed.data.TEMPORAL_TLS_CERT_FILE) !== Boolean(parsed.data.TEMPORAL_TLS_KEY_FILE))
    throw new Error('invalid configuration:\n  TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: set both (mTLS) or neither');
  const scoped = scopeToProvince(parsed.data, env);
  const timing = digestTiming(scoped as Config);
  const timingIssue = timingProblem(timing);
  if (timingIssue) throw new Error(`invalid configuration:\n  DONDOC_DIGEST_HOUR, DONDOC_DIGEST_QUIET_HOURS: ${timingIssue}`);
  const config = { ...scoped } as Config;
  // Resolved on first use only: commands that sign no link (status, validate) leave the data directory alone.
  // A province signs with its own key, derived from the configured one (or from its own development key).
  let secret: string | undefined;
  const base = () => scoped.LINK_SECRET ?? developmentLinkSecret(scoped.DONDOC_DATA_DIR);
  const slug = scoped.DONDOC_PROVINCE;
  Object.defineProperty(config, 'LINK_SECRET', { enumerable: true, get: () => (secret ??= slug ? provinceLinkSecret(base(), slug) : base()) });
  return config;
}

/** The leader's digest timing from the configuration (defaults: 08:00, quiet 18:00–07:00, news). */
export function digestTiming(config: Pick<Config, 'DONDOC_DIGEST_HOUR' | 'DONDOC_DIGEST_QUIET_HOURS' | 'DONDOC_DIGEST_REPEAT'>): DigestTiming {
  return {
    hour: config.DONDOC_DIGEST_HOUR ?? DEFAULT_DIGEST_TIMING.hour,
    quiet: config.DONDOC_DIGEST_QUIET_HOURS === undefined ? DEFAULT_DIGEST_TIMING.quiet : config.DONDOC_DIGEST_QUIET_HOURS,
    repeat: config.DONDOC_DIGEST_REPEAT ?? DEFAULT_DIGEST_TIMING.repeat,
  };
}
