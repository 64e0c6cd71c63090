/** What every route module shares: the options the server was built with and the staff sessions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.js';
import type { RegistrationState } from '../db/registrations.js';
import { memorySessions, type Session, type SessionRepository } from '../db/sessions.js';
import type { MailCatcher } from '../mail/catcher.js';
import { applyDirectory } from '../directory/resolve.js';
import type { DirectorySource } from '../directory/source.js';
import type { Plan } from '../plan/schema.js';
import type { Ops } from '../service/operations.js';
import { ContentStore } from '../storage/contentStore.js';
import type { Role } from '../db/users.js';
import { tokenMatches, type StaffDirectory } from './auth.js';

export interface WebOptions {
  ops: Ops;
  plans: () => Plan[];
  catcher?: MailCatcher;
  linkSecret: string;
  /** Answer only requests for this host (`host[:port]`, a province's PUBLIC_URL host; hostGuard.ts). Absent: any host. */
  onlyHost?: string;
  /** Base URL of personal links shown to staff (default: the request's own host). */
  publicUrl?: string;
  /** Days a personal link stays valid after the period's last day (default 60, as the workers). */
  linkValidityDays?: number;
  temporalUiUrl?: string;
  /** Who may log in to the dashboard. Absent: nobody (only the bearer token reaches the API). */
  staff?: StaffDirectory;
  /** Bearer token for scripts calling the JSON API (config `DONDOC_API_TOKEN`). */
  apiToken?: string;
  /** The storage directory shared with the workers: attachments, reports. */
  dataDir?: string;
  /**
   * dondoc's database: sessions shared by every replica, the delivery log, the audit log, the caught mail.
   * Absent: sessions in this process's memory and no message lists (route tests without a database).
   */
  db?: Pick<Database, 'sessions' | 'deliveries' | 'audit'> & Partial<Pick<Database, 'users' | 'reportVersions' | 'directory' | 'registrations'>>;
  /** The agency directory (db.directory through a snapshot cache): laid over every plan shown. */
  directory?: DirectorySource;
  /** Where the development mail catcher keeps what it caught (`dondoc start` without SMTP_URL): /mail reads it. */
  mailbox?: Database['mailbox'];
  /** Readiness checks for /readyz (Temporal, the worker's polling, the database). */
  readiness?: () => Promise<{ ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> }>;
  /** Business time in epoch ms (links expire by it); simulations and tests run on a shifted clock. */
  now?: () => number | Promise<number>;
  /** Mark cookies Secure (PUBLIC_URL on https). */
  secureCookies?: boolean;
  /** Send Strict-Transport-Security (PUBLIC_URL on https). */
  hsts?: boolean;
  /** Where the server's log lines (pino JSON) go; default stderr. */
  logStream?: { write(line: string): void };
  /** Uploads are refused below this much free space in the data directory (bytes; default MIN_FREE_DISK_BYTES). */
  minFreeDiskBytes?: number;
  /** Per agency and period, all revisions together (bytes; default MAX_AGENCY_PERIOD_UPLOAD_BYTES). */
  uploadQuotaBytes?: number;
}

export const SESSION_COOKIE = 'dondoc_session';

export class WebContext {
  readonly sessions: SessionRepository;
  readonly storage: ContentStore | null;
  /** Each request's session, looked up once before its handlers (server.ts), so the guards stay synchronous. */
  private readonly resolved = new WeakMap<FastifyRequest, { session: Session; role: Role | null } | null>();
  /**
   * Plans registered from the web (routes/register.ts), newest version each: listed beside `opts.plans()`,
   * ended ones included (no workflow runs them, so Temporal does not list them). Read again from the
   * database by `refreshRegistered`, so another replica's registrations show too.
   */
  readonly registered = new Map<string, { plan: Plan; hash: string; state: RegistrationState; at: string; sourceName: string | null }>();

  constructor(readonly opts: WebOptions) {
    this.storage = opts.dataDir ? new ContentStore(opts.dataDir) : null;
    this.sessions = opts.db?.sessions ?? memorySessions();
  }

  async resolveSession(req: FastifyRequest): Promise<void> {
    const session = await this.sessions.get(req.cookies[SESSION_COOKIE]);
    // The role with the session: a closed account's session no longer opens anything.
    const role = session ? ((await this.opts.staff?.roleOf(session.user)) ?? null) : null;
    this.resolved.set(req, session && role ? { session, role } : null);
  }

  /** The role behind a request: the session's account's, or officer for the API's bearer token (scripts act, they do not manage accounts). */
  roleOf(req: FastifyRequest): Role | null {
    const who = this.staffOf(req);
    if (!who) return null;
    return who.via === 'token' ? 'officer' : (this.resolved.get(req)?.role ?? null);
  }

  /** Records a staff action in the audit log, when there is one; an audit write that fails fails the request. */
  async audit(req: FastifyRequest, actor: string, action: string, target?: string, detail?: Record<string, unknown>): Promise<void> {
    await this.opts.db?.audit.record({ actor, action, target, ip: req.ip, detail });
  }

  /**
   * The agency opened its personal link (the portal page or the link API): proof of notice for its plan,
   * period and agency, recorded at business time. A staff member previewing the link proves nothing and is
   * not recorded. Never fails the agency's request: a failed write is logged.
   */
  async noticeOpened(req: FastifyRequest, scope: { planId: string; period: string; agencyId: string }, source: 'portal' | 'link-api'): Promise<void> {
    const log = this.opts.db?.deliveries;
    if (!log || this.staffOf(req)) return;
    try {
      await log.opened({ ...scope, at: new Date(await this.nowMs()).toISOString(), source });
    } catch (err) {
      req.log.warn({ err }, 'the open of a personal link was not recorded');
    }
  }

  get ops(): Ops {
    return this.opts.ops;
  }

  async nowMs(): Promise<number> {
    return (this.opts.now ?? Date.now)();
  }

  async nowSeconds(): Promise<number> {
    return Math.floor((await this.nowMs()) / 1000);
  }

  /** The staff member behind a request: a session cookie, or the API's bearer token. */
  staffOf(req: FastifyRequest): { user: string; via: 'session' | 'token' } | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.opts.apiToken && tokenMatches(auth.slice(7), this.opts.apiToken)) return { user: 'api', via: 'token' };
    const s = this.resolved.get(req)?.session;
    return s && s.expires > Date.now() ? { user: s.user, via: 'session' } : null;
  }

  /** The plans shown, with the directory laid over them (the workers' PlanStore does the same). */
  plans(): Plan[] {
    const dir = this.opts.directory?.current();
    return dir ? this.opts.plans().map((p) => applyDirectory(p, dir)) : this.opts.plans();
  }

  planById(planId: string): Plan | undefined {
    const plan = this.registered.get(planId)?.plan ?? this.opts.plans().find((p) => p.id === planId);
    return plan ? this.withDirectory(plan) : plan;
  }

  private withDirectory(plan: Plan): Plan {
    const dir = this.opts.directory?.current();
    return dir ? applyDirectory(plan, dir) : plan;
  }

  /** Every plan to list: the configured or running ones, a registered version replacing its older one. */
  allPlans(): Plan[] {
    const listed = this.opts.plans().map((p) => this.registered.get(p.id)?.plan ?? p);
    return [...listed, ...[...this.registered.values()].filter((r) => !listed.some((p) => p.id === r.plan.id)).map((r) => r.plan)].map((p) => this.withDirectory(p));
  }
  async refreshRegistered(): Promise<void> {
    const rows = (await this.opts.db?.registrations?.latest().catch(() => [])) ?? [];
    for (const r of rows) {
      if (this.registered.get(r.planId)?.hash === r.planHash) continue;
      const plan = await this.ops.plans.get({ planId: r.planId, hash: r.planHash }).catch(() => null);
      if (plan) this.registered.set(r.planId, { plan, hash: r.planHash, state: r.state, at: r.at, sourceName: r.sourceName ?? null });
    }
  }
}

export const sendHtml = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
