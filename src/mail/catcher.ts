/**
 * A real SMTP server that keeps what it receives: the mail catcher of `dondoc start`, of the tests and
 * of `dondoc simulate`. Messages are parsed (mailparser) and kept in memory in arrival order, and, when a
 * store is given (`dondoc start`: the database's mailbox), there too before the message is accepted.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer from 'nodemailer';
import type { AddressInfo } from 'node:net';
import { buildDsn, type DsnRecipientInput } from './bounces/dsnMessage.js';

export interface CaughtMail {
  messageId: string;
  /** The Date header: when the workflow step sent it (simulated time in a simulation). */
  date: string;
  receivedAt: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; size: number }[];
  /** The SMTP envelope (MAIL FROM, RCPT TO), in this process's copy only. */
  envelope?: { mailFrom: string; rcptTo: string[] };
}

export interface MailCatcher {
  port: number;
  url: string;
  messages(): CaughtMail[];
  clear(): void;
  /** Resolves once at least `count` messages have arrived (for tests that wait for a send). */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);

export interface CatcherOptions {
  port?: number;
  host?: string;
  /**
   * A real fault, for simulations and tests: when it returns a reply, the catcher answers the MAIL FROM
   * with it (e.g. 421 4.3.2, a relay that is down), so the sender sees an SMTP error and retries.
   */
  refuse?: () => Promise<{ code: number; message: string } | null>;
  /** The clock `receivedAt` is read from (a simulation's business clock); default the wall clock. */
  clock?: () => Promise<number>;
  /** Where caught mail is kept as well (the database: /mail survives a restart). */
  store?: { add(mail: CaughtMail): Promise<void> };
  /**
   * A remote mail system that reports back, for tests and simulations: for each envelope recipient that
   * `answer` returns a report for (5.1.1 unknown user, 4.2.2 mailbox full, 2.0.0 delivered), the catcher
   * accepts the message, then sends a real DSN (RFC 3464, or Gmail's plain-text notice) to the message's
   * envelope sender (its VERP return path) through the SMTP server at `via` (dondoc's bounce endpoint).
   */
  bounce?: {
    via: string;
    reportingMta?: string;
    answer(recipient: string): (Omit<DsnRecipientInput, 'address'> & { format?: 'dsn' | 'text' }) | null;
    /**
     * Hand the reports over before answering 250 (a simulation: on the time-skipping server, days can pass
     * between a 250 and a report sent "right after"). A real relay answers first; the delivery log takes
     * either order.
     */
    beforeAccept?: boolean;
  };
}

export async function startMailCatcher(options: CatcherOptions = {}): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  const waiters: (() => void)[] = [];
  const reporter = options.bounce ? nodemailer.createTransport({ url: options.bounce.via }) : null;
  const pendingReports = new Set<Promise<unknown>>();
  /** Sends the reports the recipients of one accepted message get (after the 250, as a relay does). */
  const report = (raw: Buffer, envelope: { mailFrom: string; rcptTo: string[] }): Promise<unknown> => {
    const b = options.bounce;
    if (!b || !reporter || !envelope.mailFrom) return Promise.resolve();
    const sends: Promise<unknown>[] = [];
    const end = raw.indexOf('\r\n\r\n');
    const originalHeaders = raw.subarray(0, end >= 0 ? end : raw.length).toString('utf8');
    for (const address of envelope.rcptTo) {
      const answer = b.answer(address);
      if (!answer) continue;
      const message = buildDsn({
        reportingMta: b.reportingMta ?? 'mx.catcher.invalid',
        to: envelope.mailFrom,
        recipient: { address, status: answer.status, diagnostic: answer.diagnostic },
        originalHeaders,
        arrivalDate: new Date(),
        format: answer.format,
      });
      // The null sender (MAIL FROM:<>): a report is never answered with another report (RFC 3464).
      const sent = reporter
        .sendMail({ envelope: { from: '', to: [envelope.mailFrom] }, raw: message })
        .catch((err: Error) => process.stderr.write(`mail catcher: the report for ${address} did not go to ${b.via}: ${err.message}\n`))
        .finally(() => pendingReports.delete(sent));
      pendingReports.add(sent);
      sends.push(sent);
    }
    return Promise.all(sends);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 30 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (!options.refuse) return callback();
      options.refuse().then(
        (reply) => {
          if (!reply) return callback();
          const err = Object.assign(new Error(reply.message), { responseCode: reply.code });
          callback(err);
        },
        () => callback(),
      );
    },
    // Senders keep pooled connections open: on close, wait a moment for them, not smtp-server's 30 s.
    closeTimeout: 500,
    onData(stream, session, callback) {
      const receivedAt = options.clock ? options.clock().catch(() => Date.now()) : Promise.resolve(Date.now());
      const chunks: Buffer[] = [];
      const raw = new Promise<Buffer>((resolve, reject) => {
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      });
      const envelope = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address) };
      Promise.all([raw.then((r) => simpleParser(r)), receivedAt])
        .then(([mail, receivedMs]) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of mail.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
          const caught: CaughtMail = {
            messageId: mail.messageId ?? '',
            date: (mail.date ?? new Date()).toISOString(),
            receivedAt: new Date(receivedMs).toISOString(),
            from: addresses(mail.from)[0] ?? '',
            to: addresses(mail.to),
            cc: addresses(mail.cc),
            subject: mail.subject ?? '',
            text: (mail.text ?? '').normalize('NFC'),
            html: typeof mail.html === 'string' ? mail.html.normalize('NFC') : '',
            headers,
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size })),
          };
          const kept = { ...caught, envelope };
          // Not stored, not accepted: the sender is told and tries again.
          return Promise.resolve(options.store?.add(caught)).then(async () => {
            if (options.bounce?.beforeAccept) await report(await raw, envelope);
            received.push(kept);
            waiters.splice(0).forEach((w) => w());
            callback();
            if (!options.bounce?.beforeAccept) void raw.then((r) => report(r, envelope));
          });
        })
        .catch((err: Error) => callback(err));
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    messages: () => [...received],
    clear: () => void received.splice(0),
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`mail catcher: expected ${count} messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return [...received];
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...pendingReports]);
      reporter?.close();
    },
  };
}

/** A canned answer per status, in the words Postfix and Gmail use. */
const CANNED: Record<string, (a: string) => string> = {
  '5.1.1': (a) => `550 5.1.1 <${a}>: Recipient address rejected: User unknown in virtual mailbox table`,
  '5.2.2': (a) => `552 5.2.2 <${a}>: Mailbox full, message rejected`,
  '4.2.2': (a) => `452 4.2.2 <${a}>: Mailbox full`,
  '2.0.0': () => '250 2.0.0 Ok: delivered to mailbox',
};

/**
 * The catcher's answers from a setting (MAIL_CATCHER_BOUNCE, `simulate`): `address=status` pairs, comma
 * separated; `text:` before the status asks for Gmail's plain-text notice instead of an RFC 3464 DSN.
 * E.g. `taichinh@sonla.gov.vn=5.1.1,syte@sonla.gov.vn=4.2.2,tinhdoan@sonla.gov.vn=2.0.0`.
 */
export function catcherAnswers(spec: string): (recipient: string) => { status: string; diagnostic: string; format?: 'dsn' | 'text' } | null {
  const table = new Map<string, { status: string; format: 'dsn' | 'text' }>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=\s]+@[^=\s]+)=(text:)?([245]\.\d{1,3}\.\d{1,3})$/i.exec(part);
    if (!m) throw new Error(`invalid configuration:\n  MAIL_CATCHER_BOUNCE: "${part}" is not address=status (e.g. a@b.vn=5.1.1, a@b.vn=text:5.1.1)`);
    table.set(m[1]!.toLowerCase(), { status: m[3]!, format: m[2] ? 'text' : 'dsn' });
  }
  return (recipient) => {
    const t = table.get(recipient.toLowerCase());
    if (!t) return null;
    const diagnostic = (CANNED[t.status] ?? ((a: string) => `${t.status.startsWith('5') ? 550 : t.status.startsWith('4') ? 450 : 250} ${t.status} <${a}>`))(recipient);
    return { status: t.status, diagnostic, format: t.format };
  };
}
