/**
 * Reads a bounce mailbox over IMAP (imapflow), where the province's relay delivers bounces to a mailbox
 * instead of to dondoc's SMTP endpoint: every unseen message is parsed and recorded like an inbound one,
 * then flagged \Seen. A message whose recording fails (the database) stays unseen and is read again at
 * the next poll; one that is no bounce, or names no message of ours, is flagged seen and logged.
 *
 * DONDOC_BOUNCE_IMAP_URL: `imaps://user:password@host:993/INBOX` (TLS), `imap://…:143/Bounces` (STARTTLS
 * when offered); `?tls=insecure` accepts a self-signed certificate. The path is the mailbox (default INBOX).
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { DeliveryLog } from '../../db/deliveries.js';
import { recordBounce, type BounceResult } from './record.js';

export interface BounceMailboxOptions {
  url: string;
  deliveries: DeliveryLog;
  bounceDomain?: string;
  log?: (line: string) => void;
}

/** The connection settings and mailbox an IMAP URL names; a clear error names the setting otherwise. */
export function imapSettings(url: string): { options: ImapFlowOptions; mailbox: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('invalid configuration:\n  DONDOC_BOUNCE_IMAP_URL: not a URL (imaps://user:password@host:993/INBOX)');
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('invalid configuration:\n  DONDOC_BOUNCE_IMAP_URL: must start with imap:// or imaps://');
  if (!u.username) throw new Error('invalid configuration:\n  DONDOC_BOUNCE_IMAP_URL: names no user (imaps://user:password@host/INBOX)');
  const secure = u.protocol === 'imaps:';
  return {
    options: {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      logger: false,
      disableAutoIdle: true,
      ...(u.searchParams.get('tls') === 'insecure' ? { tls: { rejectUnauthorized: false } } : {}),
    },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** One pass over the mailbox: the unseen messages, oldest first. */
export async function readBounceMailbox(opts: BounceMailboxOptions): Promise<BounceResult[]> {
  const { options, mailbox } = imapSettings(opts.url);
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const client = new ImapFlow(options);
  await client.connect();
  const results: BounceResult[] = [];
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      // Fetched first, processed after: no other IMAP command may run while a FETCH streams.
      const unseen = await client.fetchAll({ seen: false }, { uid: true, source: true, internalDate: true }, { uid: true });
      for (const m of unseen) {
        if (!m.source) continue;
        const at = m.internalDate ? new Date(m.internalDate).toISOString() : undefined;
        const r = await recordBounce(m.source, { deliveries: opts.deliveries, source: 'imap', bounceDomain: opts.bounceDomain, at });
        if (r.outcome === 'unmatched') log(`dondoc bounces (IMAP): a bounce for ${r.bounce.recipients.map((x) => x.address).join(', ')} names no message of the delivery log`);
        if (r.outcome === 'not-a-bounce') log(`dondoc bounces (IMAP): message ${m.uid} is not a delivery report; marked seen`);
        await client.messageFlagsAdd(String(m.uid), ['\\Seen'], { uid: true });
        results.push(r);
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return results;
}

/** Polls the mailbox every `intervalMs` (one pass at a time) until stopped; failures are logged and retried next time. */
export function startBounceMailboxReader(opts: BounceMailboxOptions & { intervalMs: number }): { stop(): Promise<void> } {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = readBounceMailbox(opts)
      .catch((err: Error) => log(`dondoc bounces (IMAP): cannot read the bounce mailbox: ${err.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
