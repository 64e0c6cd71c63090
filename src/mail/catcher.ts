/**
 * A real SMTP server that keeps what it receives: the mail catcher of `dondoc start`, of the tests and
 * of `dondoc simulate`. Messages are parsed (mailparser) and kept in memory in arrival order, and, when a
 * store is given (`dondoc start`: the database's mailbox), there too before the message is accepted.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';

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
}

export async function startMailCatcher(options: CatcherOptions = {}): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  const waiters: (() => void)[] = [];
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
    onData(stream, _session, callback) {
      const receivedAt = options.clock ? options.clock().catch(() => Date.now()) : Promise.resolve(Date.now());
      Promise.all([simpleParser(stream), receivedAt])
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
          // Not stored, not accepted: the sender is told and tries again.
          return Promise.resolve(options.store?.add(caught)).then(() => {
            received.push(caught);
            waiters.splice(0).forEach((w) => w());
            callback();
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
