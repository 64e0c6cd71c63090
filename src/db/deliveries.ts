/**
 * The delivery log (`deliveries`): one row per message, keyed by its workflow-step key. The mailer writes
 * the intent before it hands a message to the relay and the relay's answer after, so whether a message
 * goes (again) is decided by a durable record, never by a write that may have failed after the send.
 */
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
}

export interface DeliveryLog {
  /** Records the intent (or the next attempt) and says whether to send. Throws StorageError when it cannot. */
  begin(intent: DeliveryIntent): Promise<DeliveryDecision>;
  accepted(key: string, relayResponse: string): Promise<void>;
  failed(key: string, error: string): Promise<void>;
  /** Every message of one workflow (keys `<workflowId>/…`), in business-time order. */
  forWorkflow(workflowId: string): Promise<DeliveryRecord[]>;
  get(key: string): Promise<DeliveryRecord | null>;
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
});

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

export function sqlDeliveries(db: SqlClient): DeliveryLog {
  return {
    begin: (m) =>
      storage('record the intent', () =>
        db.transaction(async (tx) => {
          const inserted = await tx.query(
            `INSERT INTO deliveries (key, message_id, kind, plan_id, period, agency_id, to_addrs, cc_addrs, subject, business_at, state)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sending') ON CONFLICT (key) DO NOTHING RETURNING key`,
            [m.key, m.messageId, m.kind ?? null, m.planId ?? null, m.period ?? null, m.agencyId ?? null, JSON.stringify(m.to), JSON.stringify(m.cc), m.subject, m.at],
          );
          if (inserted.length) return { action: 'send', attempt: 1 } as const;
          const [row] = await tx.query<Row>('SELECT * FROM deliveries WHERE key = $1 FOR UPDATE', [m.key]);
          const d = decide(row ? { state: row.state, attempts: row.attempts, unknownOutcomes: row.unknown_outcomes } : null);
          if (d === 'unknown-twice') throw new DeliveryOutcomeUnknownError(m.key);
          if (d.action !== 'skip')
            await tx.query(
              `UPDATE deliveries SET state = 'sending', attempts = $2, unknown_outcomes = unknown_outcomes + $3, last_attempt_at = now() WHERE key = $1`,
              [m.key, d.attempt, d.action === 'resend' ? 1 : 0],
            );
          return d;
        }),
      ),
    accepted: (key, response) =>
      storage('record the acceptance', async () => {
        await db.query(`UPDATE deliveries SET state = 'accepted', accepted_at = now(), relay_response = $2, last_error = NULL WHERE key = $1`, [key, response.slice(0, 1000)]);
      }),
    failed: (key, error) =>
      storage('record the failure', async () => {
        await db.query(`UPDATE deliveries SET state = 'failed', last_error = $2 WHERE key = $1 AND state <> 'accepted'`, [key, error.slice(0, 1000)]);
      }),
    forWorkflow: (workflowId) =>
      storage('read', async () => (await db.query<Row>(`SELECT * FROM deliveries WHERE key LIKE $1 ORDER BY business_at, key`, [prefixPattern(workflowId)])).map(toRecord)),
    get: (key) => storage('read', async () => {
      const [r] = await db.query<Row>('SELECT * FROM deliveries WHERE key = $1', [key]);
      return r ? toRecord(r) : null;
    }),
  };
}

/**
 * The same log in this process's memory, for one-process runs that keep nothing: `dondoc simulate` and
 * workflow tests. Anything that restarts or runs beside another process uses the database.
 */
export function memoryDeliveries(): DeliveryLog {
  const rows = new Map<string, DeliveryRecord & { unknownOutcomes: number }>();
  return {
    async begin(m) {
      const row = rows.get(m.key);
      const d = decide(row ?? null);
      if (d === 'unknown-twice') throw new DeliveryOutcomeUnknownError(m.key);
      if (d.action === 'skip') return d;
      rows.set(m.key, {
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
      });
      return d;
    },
    async accepted(key, response) {
      const r = rows.get(key);
      if (r) Object.assign(r, { state: 'accepted', acceptedAt: new Date().toISOString(), relayResponse: response, lastError: null });
    },
    async failed(key, error) {
      const r = rows.get(key);
      if (r && r.state !== 'accepted') Object.assign(r, { state: 'failed', lastError: error });
    },
    async forWorkflow(workflowId) {
      return [...rows.values()].filter((r) => r.key.startsWith(`${workflowId}/`)).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    },
    async get(key) {
      return rows.get(key) ?? null;
    },
  };
}
