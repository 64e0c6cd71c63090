/**
 * Sending mail through SMTP (nodemailer, one pooled transport per worker) at most once per workflow step,
 * decided by the delivery log in the database, never by a write that may fail after the send:
 *
 *   1. record the intent (a `deliveries` row, state `sending`); if that write fails, nothing is sent;
 *   2. hand the message to the relay, with a Message-ID derived from the step key;
 *   3. record the relay's answer (`accepted` with its response, or `failed`).
 *
 * On a retry the row decides: accepted → not sent again; failed → sent again; still `sending` (the worker
 * died, or the database failed, between 2 and 3) → sent once more with the same Message-ID. Once more
 * rather than asking the relay: SMTP has no standard way to ask whether a message was accepted, and a
 * copy with the same Message-ID is folded into one by mail clients and archives, while a lost reminder is
 * lost. A second unknown outcome for the same message stops it (DeliveryOutcomeUnknownError): a storage
 * fault that persists fails the activity, which retries, rather than repeating the message.
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { StorageError } from '../db/sql.js';
import type { DeliveryLog } from '../db/deliveries.js';
import { returnPathFor, returnTokenFor } from './returnPath.js';

export interface OutgoingMail {
  /** Unique per workflow step, e.g. `report:p:2026-H1:so-x/reminder/2026-06-15/7`. */
  key: string;
  /** When the step happened (business time): the Date header. */
  at: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SentMail {
  messageId: string;
  /** The relay had already accepted this message: nothing was sent now. */
  duplicate: boolean;
}

export interface SendOptions {
  /** Aborts the send (the activity's cancellation signal): the activity stops waiting for the relay. */
  signal?: AbortSignal;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  deliveries: DeliveryLog;
  /** Milliseconds; each below the sending activity's start-to-close timeout (1 minute for notifications). */
  timeouts?: { connectionMs: number; greetingMs: number; socketMs: number };
  /** Pooled connections to the relay, and at most `rateLimit` messages per `rateDeltaMs` (unset: no limit). */
  pool?: { size: number; rateLimit?: number; rateDeltaMs?: number };
  /** Where a storage fault is said at once (default: stderr), beside the activity's failure. */
  log?: (line: string) => void;
  /**
   * The bounce domain (DONDOC_BOUNCE_DOMAIN): each message's envelope sender is then
   * `bounce+<token>@<domain>` (VERP), so its bounces come back to dondoc's inbound endpoint named.
   * Unset: the envelope sender is the From address, and bounces are matched by Message-ID.
   */
  bounceDomain?: string;
}

export const DEFAULT_SMTP_TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 } as const;

export class Mailer {
  private readonly transport: Transporter;
  private readonly deliveries: DeliveryLog;
  private readonly from: string;
  private readonly log: (line: string) => void;
  private readonly bounceDomain: string | undefined;

  constructor(opts: MailerOptions) {
    const t = opts.timeouts ?? DEFAULT_SMTP_TIMEOUTS;
    this.transport = nodemailer.createTransport(
      new SMTPPool({
        pool: true,
        url: opts.smtpUrl,
        maxConnections: opts.pool?.size ?? 5,
        ...(opts.pool?.rateLimit ? { rateLimit: opts.pool.rateLimit, rateDelta: opts.pool.rateDeltaMs ?? 1000 } : {}),
        connectionTimeout: t.connectionMs,
        greetingTimeout: t.greetingMs,
        socketTimeout: t.socketMs,
      }),
    );
    this.deliveries = opts.deliveries;
    this.from = opts.from;
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.bounceDomain = opts.bounceDomain || undefined;
  }

  static messageIdFor(key: string): string {
    return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@dondoc>`;
  }

  async send(mail: OutgoingMail, opts: SendOptions = {}): Promise<SentMail> {
    opts.signal?.throwIfAborted();
    const messageId = Mailer.messageIdFor(mail.key);
    const cc = mail.cc?.length ? mail.cc : [];
    const h = mail.headers ?? {};
    const returnToken = returnTokenFor(mail.key);
    const decision = await this.loud(() =>
      this.deliveries.begin({
        key: mail.key,
        messageId,
        kind: h['X-Dondoc-Kind'] || null,
        planId: h['X-Dondoc-Plan'] || null,
        period: h['X-Dondoc-Period'] || null,
        agencyId: h['X-Dondoc-Agency'] || null,
        to: mail.to,
        cc,
        subject: mail.subject,
        at: mail.at,
        returnToken,
      }),
    );
    if (decision.action === 'skip') return { messageId, duplicate: true };

    const sending = this.transport.sendMail({
      from: this.from,
      to: mail.to,
      cc: cc.length ? cc : undefined,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: new Date(mail.at),
      messageId,
      headers: { 'X-Dondoc-Key': mail.key, ...h },
      attachments: mail.attachments,
      // The envelope sender only (MAIL FROM): the From header stays the agency-facing address.
      // With the relay's DSN extension, a delivery report is asked for too (RFC 3461): "delivered" where it says so.
      ...(this.bounceDomain
        ? {
            envelope: { from: returnPathFor(returnToken, this.bounceDomain), to: [...mail.to, ...cc] },
            dsn: { id: returnToken, return: 'headers' as const, notify: ['success', 'failure', 'delay'] as ('success' | 'failure' | 'delay')[] },
          }
        : {}),
    });
    // Whatever the activity does meanwhile (cancelled, timed out), the relay's answer is recorded when it comes.
    const recorded = sending.then(
      (info: { response?: string }) => this.loud(() => this.deliveries.accepted(mail.key, info.response ?? '')),
      async (err: Error) => {
        await this.deliveries.failed(mail.key, err.message).catch(() => {});
        throw err;
      },
    );
    await abortable(recorded, opts.signal);
    return { messageId, duplicate: false };
  }

  /** A storage fault is said on stderr at once as well as failing the activity. */
  private async loud<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StorageError) this.log(`dondoc mailer: ${err.message} (nothing more is sent for this message until the delivery log answers)`);
      throw err;
    }
  }

  close(): void {
    this.transport.close();
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
