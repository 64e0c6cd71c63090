/** What every route module shares: the options the server was built with and the staff sessions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.js';
import type { RegistrationState } from '../db/registrations.js';
import { memorySessions, type Session, type SessionRepository } from '../db/sessions.js';
import type { MailCatcher } from '../mail/catcher.js';
import type { Plan } from '../plan/schema.js';
import type { Ops } from '../service/operations.js';
import { ContentStore } from '../storage/contentStore.js';
import { tokenMatches, type StaffDirectory } from './auth.js';

export interface WebOptions {
  ops: Ops;
  plans: () => Plan[];
  catcher?: MailCatcher;
  linkSecret: string;
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
  db?: Pick<Database, 'sessions' | 'deliveries' | 'audit'> & Partial<Pick<Database, 'registrations'>>;
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
  private readonly resolved = new WeakMap<FastifyRequest, Session | null>();
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
    this.resolved.set(req, await this.sessions.get(req.cookies[SESSION_COOKIE]));
  }

  /** Records a staff action in the audit log, when there is one; an audit write that fails fails the request. */
  async audit(req: FastifyRequest, actor: string, action: string, target?: string, detail?: Record<string, unknown>): Promise<void> {
    await this.opts.db?.audit.record({ actor, action, target, ip: req.ip, detail });
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
    const s = this.resolved.get(req);
    return s && s.expires > Date.now() ? { user: s.user, via: 'session' } : null;
  }

  planById(planId: string): Plan | undefined {
    return this.registered.get(planId)?.plan ?? this.opts.plans().find((p) => p.id === planId);
  }

  /** Every plan to list: the configured or running ones, a registered version replacing its older one. */
  allPlans(): Plan[] {
    const listed = this.opts.plans().map((p) => this.registered.get(p.id)?.plan ?? p);
    return [...listed, ...[...this.registered.values()].filter((r) => !listed.some((p) => p.id === r.plan.id)).map((r) => r.plan)];
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
