/**
 * The delivery log (`deliveries`): one row per message, keyed by its workflow-step key. The mailer writes
 * the intent before it hands a message to the relay and the relay's answer after, so whether a message
 * goes (again) is decided by a durable record, never by a write that may have failed after the send.
 */
import {
  applyEvent,
  eventDetail,
  NOTICE_KINDS,
  proofOfNotice,
  type EventSource,
  type MessageState,
  type NoticeEvent,
  type NoticeMessage,
  type NoticeOpen,
  type ProofOfNotice,
} from '../mail/noticeState.js';
import { iso, StorageError, type SqlClient } from './sql.js';

export interface DeliveryIntent {
  key: string;
  messageId: string;
  kind?: string | null;
  planId?: string | null;
  period?: string | null;
  agencyId?: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** Business time of the step (the Date header). */
  at: string;
  /** The VERP token of the message's return path (src/mail/returnPath.ts): bounces find the message by it. */
  returnToken?: string | null;
}

/**
 * What the mailer should do with a message:
 * - `skip`: the relay already accepted it;
 * - `send`: first attempt, or the last one is known to have failed;
 * - `resend`: an earlier attempt's outcome is unknown (a crash or a storage fault after the hand-over):
 *   sent once more with the same Message-ID.
 */
export type DeliveryDecision = { action: 'skip' } | { action: 'send' | 'resend'; attempt: number };

export type DeliveryState = 'sending' | 'failed' | 'accepted';

export interface DeliveryRecord {
  key: string;
  messageId: string;
  kind: string | null;
  planId: string | null;
  period: string | null;
  agencyId: string | null;
  to: string[];
  cc: string[];
  subject: string;
  at: string;
  state: DeliveryState;
  attempts: number;
  acceptedAt: string | null;
  relayResponse: string | null;
  lastError: string | null;
  returnToken: string | null;
  /** What became of it: `state`, or what was learnt after the relay took it (delayed, bounced, delivered, opened). */
  deliveryState: MessageState;
  /** When that was learnt, and its detail (a bounce's status and diagnostic). */
  noticeAt: string | null;
  noticeDetail: string | null;
  bouncedAddresses: string[];
}

/** A DSN, bounce or relay report about one message, found by its key. */
export interface DeliveryEventInput extends NoticeEvent {
  type: 'delayed' | 'bounced' | 'delivered';
  key: string;
  /** When it happened (the report's Arrival-Date or receipt); default now. */
  at?: string;
  source: EventSource;
  detail?: Record<string, unknown>;
}

export interface NoticeScope {
  planId: string;
  period: string;
  agencyId: string;
}

export interface DeliveryEventRecord {
  type: 'queued' | 'accepted' | 'failed' | NoticeEvent['type'];
  at: string;
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
  source: EventSource;
}

/** Opens of the same link within this long are one open (a reload is not news). */
export const OPEN_DEDUP_MS = 60 * 60 * 1000;

export interface DeliveryLog {
  /** Records the intent (or the next attempt) and says whether to send. Throws StorageError when it cannot. */
  begin(intent: DeliveryIntent): Promise<DeliveryDecision>;
  accepted(key: string, relayResponse: string): Promise<void>;
  failed(key: string, error: string): Promise<void>;
  /** Every message of one workflow (keys `<workflowId>/…`), in business-time order. */
  forWorkflow(workflowId: string): Promise<DeliveryRecord[]>;
  get(key: string): Promise<DeliveryRecord | null>;
  /** The message a bounce names by its return path's token, or by its Message-ID (with or without <>). */
  findByReturnToken(token: string): Promise<DeliveryRecord | null>;
  findByMessageId(messageId: string): Promise<DeliveryRecord | null>;
  /** Records a DSN or bounce event and moves the message's state; false when no message has this key. */
  record(event: DeliveryEventInput): Promise<boolean>;
  /**
   * The agency opened its personal link or report page for a plan and period (`at`: business time):
   * every notice of that scope sent before then is opened. Repeats within OPEN_DEDUP_MS are one open.
   */
  opened(scope: NoticeScope & { at: string; source: 'portal' | 'link-api' }): Promise<void>;
  /** The history of one message, oldest first. */
  events(key: string): Promise<DeliveryEventRecord[]>;
  /** Proof of notice for a plan, period and agency: its notices with their best state, and its opens. */
  proofOfNotice(scope: NoticeScope): Promise<ProofOfNotice>;
}

/** An attempt whose outcome is unknown is repeated once; a second unknown stops this message, loudly. */
export class DeliveryOutcomeUnknownError extends StorageError {
  constructor(key: string) {
    super(
      `delivery log: the outcome of message ${key} is unknown twice (a crash or a storage fault after sending); ` +
        'it is not sent a third time. Check the relay for its Message-ID, then set its row to accepted or failed.',
    );
    this.name = 'DeliveryOutcomeUnknownError';
  }
}

type Row = {
  key: string;
  message_id: string;
  kind: string | null;
  plan_id: string | null;
  period: string | null;
  agency_id: string | null;
  to_addrs: string[];
  cc_addrs: string[];
  subject: string;
  business_at: Date;
  state: DeliveryState;
  attempts: number;
  unknown_outcomes: number;
  accepted_at: Date | null;
  relay_response: string | null;
  last_error: string | null;
  return_token: string | null;
  notice_state: Exclude<MessageState, DeliveryState> | null;
  notice_at: Date | null;
  notice_detail: string | null;
  bounced_addrs: string[];
};

const toRecord = (r: Row): DeliveryRecord => ({
  key: r.key,
  messageId: r.message_id,
  kind: r.kind,
  planId: r.plan_id,
  period: r.period,
  agencyId: r.agency_id,
  to: r.to_addrs,
  cc: r.cc_addrs,
  subject: r.subject,
  at: iso(r.business_at)!,
  state: r.state,
  attempts: r.attempts,
  acceptedAt: iso(r.accepted_at),
  relayResponse: r.relay_response,
  lastError: r.last_error,
  returnToken: r.return_token,
  deliveryState: r.notice_state ?? r.state,
  noticeAt: iso(r.notice_at),
  noticeDetail: r.notice_detail,
  bouncedAddresses: r.bounced_addrs ?? [],
});

/** A message as the proof lists it: its best state and the line that explains it. */
export const toNoticeMessage = (r: DeliveryRecord): NoticeMessage => ({
  key: r.key,
  kind: r.kind,
  to: [...r.to, ...r.cc],
  at: r.at,
  state: r.deliveryState,
  detail: r.noticeDetail ?? (r.state === 'failed' ? r.lastError : r.relayResponse),
  bouncedAddresses: r.bouncedAddresses,
});

const bareMessageId = (id: string) => id.trim().replace(/^<|>$/g, '');

const storage = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw new StorageError(`delivery log: cannot ${what}: ${(err as Error).message}`, { cause: err });
  }
};

const prefixPattern = (workflowId: string) => `${workflowId.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;

/** The rule shared by both implementations: what to do given the stored state of a message. */
export function decide(existing: { state: DeliveryState; attempts: number; unknownOutcomes: number } | null): DeliveryDecision | 'unknown-twice' {
  if (!existing) return { action: 'send', attempt: 1 };
  if (existing.state === 'accepted') return { action: 'skip' };
  if (existing.state === 'failed') return { action: 'send', attempt: existing.attempts + 1 };
  return existing.unknownOutcomes === 0 ? { action: 'resend', attempt: existing.attempts + 1 } : 'unknown-twice';
}

const EVENT = `INSERT INTO delivery_events (delivery_key, plan_id, period, agency_id, type, at, recipient, status, diagnostic, source, detail)`;

export function sqlDeliveries(db: SqlClient): DeliveryLog {
  const one = async (where: string, param: string) => {
    const [r] = await db.query<Row>(`SELECT * FROM deliveries WHERE ${where}`, [param]);
    return r ? toRecord(r) : null;
  };
  return {
    begin: (m) =>
      storage('record the intent', () =>
        db.transaction(async (tx) => {
          const inserted = await tx.query(
            `INSERT INTO deliveries (key, message_id, kind, plan_id, period, agency_id, to_addrs, cc_addrs, subject, business_at, state, return_token)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sending', $11) ON CONFLICT (key) DO NOTHING RETURNING key`,
            [
              m.key,
              m.messageId,
              m.kind ?? null,
              m.planId ?? null,
              m.period ?? null,
              m.agencyId ?? null,
              JSON.stringify(m.to),
              JSON.stringify(m.cc),
              m.subject,
              m.at,
              m.returnToken ?? null,
            ],
          );
          const queued = (attempt: number) =>
            tx.query(`${EVENT} SELECT key, plan_id, period, agency_id, 'queued', now(), NULL, NULL, NULL, 'mailer', $2 FROM deliveries WHERE key = $1`, [
              m.key,
              JSON.stringify({ attempt }),
            ]);
          if (inserted.length) {
            await queued(1);
            return { action: 'send', attempt: 1 } as const;
          }
          const [row] = await tx.query<Row>('SELECT * FROM deliveries WHERE key = $1 FOR UPDATE', [m.key]);
          const d = decide(row ? { state: row.state, attempts: row.attempts, unknownOutcomes: row.unknown_outcomes } : null);
          if (d === 'unknown-twice') throw new DeliveryOutcomeUnknownError(m.key);
          if (d.action !== 'skip') {
            await tx.query(
              `UPDATE deliveries SET state = 'sending', attempts = $2, unknown_outcomes = unknown_outcomes + $3, last_attempt_at = now(), return_token = COALESCE(return_token, $4) WHERE key = $1`,
              [m.key, d.attempt, d.action === 'resend' ? 1 : 0, m.returnToken ?? null],
            );
            await queued(d.attempt);
          }
          return d;
        }),
      ),
    accepted: (key, response) =>
      storage('record the acceptance', async () => {
        await db.query(
          `WITH u AS (UPDATE deliveries SET state = 'accepted', accepted_at = now(), relay_response = $2, last_error = NULL WHERE key = $1 RETURNING key, plan_id, period, agency_id)
           ${EVENT} SELECT key, plan_id, period, agency_id, 'accepted', now(), NULL, NULL, $2, 'mailer', '{}' FROM u`,
          [key, response.slice(0, 1000)],
        );
      }),
    failed: (key, error) =>
      storage('record the failure', async () => {
        await db.query(
          `WITH u AS (UPDATE deliveries SET state = 'failed', last_error = $2 WHERE key = $1 AND state <> 'accepted' RETURNING key, plan_id, period, agency_id)
           ${EVENT} SELECT key, plan_id, period, agency_id, 'failed', now(), NULL, NULL, $2, 'mailer', '{}' FROM u`,
          [key, error.slice(0, 1000)],
        );
      }),
    forWorkflow: (workflowId) =>
      storage('read', async () => (await db.query<Row>(`SELECT * FROM deliveries WHERE key LIKE $1 ORDER BY business_at, key`, [prefixPattern(workflowId)])).map(toRecord)),
    get: (key) => storage('read', () => one('key = $1', key)),
    findByReturnToken: (token) => storage('read', () => one('return_token = $1', token.toLowerCase())),
    findByMessageId: (id) => storage('read', () => one('message_id = $1', `<${bareMessageId(id)}>`)),
    record: (e) =>
      storage('record a delivery report', () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<Row>('SELECT * FROM deliveries WHERE key = $1 FOR UPDATE', [e.key]);
          if (!row) return false;
          const before = toRecord(row);
          const after = applyEvent({ state: before.deliveryState, recipients: [...before.to, ...before.cc], bounced: before.bouncedAddresses }, e);
          const at = e.at ?? new Date().toISOString();
          const moved = after.state !== before.deliveryState;
          await tx.query(
            `UPDATE deliveries SET bounced_addrs = $2, notice_state = $3, notice_at = CASE WHEN $4 THEN $5::timestamptz ELSE notice_at END, notice_detail = CASE WHEN $4 THEN $6 ELSE notice_detail END WHERE key = $1`,
            [
              e.key,
              JSON.stringify(after.bounced),
              after.state === 'sending' || after.state === 'failed' || after.state === 'accepted' ? null : after.state,
              moved || (e.type === 'bounced' && !before.noticeDetail),
              at,
              eventDetail(e),
            ],
          );
          await tx.query(`${EVENT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
            e.key,
            row.plan_id,
            row.period,
            row.agency_id,
            e.type,
            at,
            e.recipient ?? null,
            e.status ?? null,
            e.diagnostic?.slice(0, 2000) ?? null,
            e.source,
            JSON.stringify(e.detail ?? {}),
          ]);
          return true;
        }),
      ),
    opened: (o) =>
      storage('record an open', () =>
        db.transaction(async (tx) => {
          const fresh = await tx.query(
            `${EVENT} SELECT NULL, $1, $2, $3, 'opened', $4, NULL, NULL, NULL, $5, '{}'
             WHERE NOT EXISTS (SELECT 1 FROM delivery_events WHERE type = 'opened' AND plan_id = $1 AND period = $2 AND agency_id = $3 AND at > $4::timestamptz - $6::interval AND at <= $4::timestamptz)
             RETURNING id`,
            [o.planId, o.period, o.agencyId, o.at, o.source, `${OPEN_DEDUP_MS / 1000} seconds`],
          );
          if (!fresh.length) return;
          await tx.query(
            `UPDATE deliveries SET notice_state = 'opened', notice_at = $4, notice_detail = NULL
             WHERE plan_id = $1 AND period = $2 AND agency_id = $3 AND state = 'accepted' AND business_at <= $4 AND kind = ANY($5)
               AND (notice_state IS NULL OR notice_state IN ('delayed', 'delivered'))`,
            [o.planId, o.period, o.agencyId, o.at, NOTICE_KINDS],
          );
        }),
      ),
    events: (key) =>
      storage('read', async () =>
        (
          await db.query<{ type: DeliveryEventRecord['type']; at: Date; recipient: string | null; status: string | null; diagnostic: string | null; source: EventSource }>(
            'SELECT type, at, recipient, status, diagnostic, source FROM delivery_events WHERE delivery_key = $1 ORDER BY id',
            [key],
          )
        ).map((e) => ({ ...e, at: iso(e.at)! })),
      ),
    proofOfNotice: (scope) =>
      storage('read', async () => {
        const rows = await db.query<Row>('SELECT * FROM deliveries WHERE plan_id = $1 AND period = $2 AND agency_id = $3', [scope.planId, scope.period, scope.agencyId]);
        const opens = await db.query<{ at: Date; source: EventSource }>(
          `SELECT at, source FROM delivery_events WHERE type = 'opened' AND plan_id = $1 AND period = $2 AND agency_id = $3`,
          [scope.planId, scope.period, scope.agencyId],
        );
        return proofOfNotice(
          scope,
          rows.map((r) => toNoticeMessage(toRecord(r))),
          opens.map((o): NoticeOpen => ({ at: iso(o.at)!, source: o.source })),
        );
      }),
  };
}

/**
 * The same log in this process's memory, for one-process runs that keep nothing: `dondoc simulate` and
 * workflow tests. Anything that restarts or runs beside another process uses the database.
 */
export function memoryDeliveries(): DeliveryLog {
  type Mem = DeliveryRecord & { unknownOutcomes: number };
  const rows = new Map<string, Mem>();
  const events: (DeliveryEventRecord & { key: string | null; scope: NoticeScope | null })[] = [];
  const scopeOf = (r: DeliveryRecord): NoticeScope | null => (r.planId && r.period && r.agencyId ? { planId: r.planId, period: r.period, agencyId: r.agencyId } : null);
  const log = (r: DeliveryRecord, type: DeliveryEventRecord['type'], diagnostic: string | null = null) =>
    events.push({ key: r.key, scope: scopeOf(r), type, at: new Date().toISOString(), recipient: null, status: null, diagnostic, source: 'mailer' });
  const same = (a: NoticeScope | null, b: NoticeScope) => a !== null && a.planId === b.planId && a.period === b.period && a.agencyId === b.agencyId;
  return {
    async begin(m) {
      const row = rows.get(m.key);
      const d = decide(row ?? null);
      if (d === 'unknown-twice') throw new DeliveryOutcomeUnknownError(m.key);
      if (d.action === 'skip') return d;
      const next: Mem = {
        key: m.key,
        messageId: m.messageId,
        kind: m.kind ?? null,
        planId: m.planId ?? null,
        period: m.period ?? null,
        agencyId: m.agencyId ?? null,
        to: m.to,
        cc: m.cc,
        subject: m.subject,
        at: new Date(m.at).toISOString(),
        acceptedAt: null,
        relayResponse: null,
        lastError: row?.lastError ?? null,
        state: 'sending',
        attempts: d.attempt,
        unknownOutcomes: (row?.unknownOutcomes ?? 0) + (d.action === 'resend' ? 1 : 0),
        returnToken: row?.returnToken ?? m.returnToken ?? null,
        deliveryState: row && row.deliveryState !== row.state ? row.deliveryState : 'sending',
        noticeAt: row?.noticeAt ?? null,
        noticeDetail: row?.noticeDetail ?? null,
        bouncedAddresses: row?.bouncedAddresses ?? [],
      };
      rows.set(m.key, next);
      log(next, 'queued');
      return d;
    },
    async accepted(key, response) {
      const r = rows.get(key);
      if (!r) return;
      const learnt = r.deliveryState !== r.state && r.deliveryState !== 'sending';
      Object.assign(r, { state: 'accepted', acceptedAt: new Date().toISOString(), relayResponse: response, lastError: null, deliveryState: learnt ? r.deliveryState : 'accepted' });
      log(r, 'accepted', response);
    },
    async failed(key, error) {
      const r = rows.get(key);
      if (r && r.state !== 'accepted') {
        Object.assign(r, { state: 'failed', lastError: error, deliveryState: r.deliveryState === 'sending' ? 'failed' : r.deliveryState });
        log(r, 'failed', error);
      }
    },
    async forWorkflow(workflowId) {
      return [...rows.values()].filter((r) => r.key.startsWith(`${workflowId}/`)).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    },
    async get(key) {
      return rows.get(key) ?? null;
    },
    async findByReturnToken(token) {
      return [...rows.values()].find((r) => r.returnToken === token.toLowerCase()) ?? null;
    },
    async findByMessageId(id) {
      return [...rows.values()].find((r) => r.messageId === `<${bareMessageId(id)}>`) ?? null;
    },
    async record(e) {
      const r = rows.get(e.key);
      if (!r) return false;
      const after = applyEvent({ state: r.deliveryState, recipients: [...r.to, ...r.cc], bounced: r.bouncedAddresses }, e);
      const at = e.at ?? new Date().toISOString();
      if (after.state !== r.deliveryState || (e.type === 'bounced' && !r.noticeDetail)) Object.assign(r, { noticeAt: at, noticeDetail: eventDetail(e) });
      Object.assign(r, { deliveryState: after.state, bouncedAddresses: after.bounced });
      events.push({
        key: r.key,
        scope: scopeOf(r),
        type: e.type,
        at,
        recipient: e.recipient ?? null,
        status: e.status ?? null,
        diagnostic: e.diagnostic ?? null,
        source: e.source,
      });
      return true;
    },
    async opened(o) {
      const t = Date.parse(o.at);
      if (events.some((e) => e.type === 'opened' && same(e.scope, o) && Date.parse(e.at) > t - OPEN_DEDUP_MS && Date.parse(e.at) <= t)) return;
      events.push({
        key: null,
        scope: { planId: o.planId, period: o.period, agencyId: o.agencyId },
        type: 'opened',
        at: new Date(t).toISOString(),
        recipient: null,
        status: null,
        diagnostic: null,
        source: o.source,
      });
      for (const r of rows.values())
        if (
          same(scopeOf(r), o) &&
          r.state === 'accepted' &&
          Date.parse(r.at) <= t &&
          r.kind &&
          NOTICE_KINDS.includes(r.kind) &&
          ['accepted', 'delayed', 'delivered'].includes(r.deliveryState)
        )
          Object.assign(r, { deliveryState: 'opened', noticeAt: new Date(t).toISOString(), noticeDetail: null });
    },
    async events(key) {
      return events.filter((e) => e.key === key).map(({ key: _k, scope: _s, ...e }) => e);
    },
    async proofOfNotice(scope) {
      const mine = [...rows.values()].filter((r) => same(scopeOf(r), scope)).map(toNoticeMessage);
      const opens = events.filter((e) => e.type === 'opened' && same(e.scope, scope)).map((e): NoticeOpen => ({ at: e.at, source: e.source }));
      return proofOfNotice(scope, mine, opens);
    },
  };
}
