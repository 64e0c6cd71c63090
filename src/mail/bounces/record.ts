/**
 * A bounce finds its message and is recorded: by the VERP token of the address it came to (the envelope
 * recipient, else its To header), failing that by the returned original's X-Dondoc-Key or Message-ID.
 * One event per recipient the report names. Shared by the inbound SMTP endpoint and the IMAP reader.
 */
import type { DeliveryLog, DeliveryRecord } from '../../db/deliveries.js';
import type { EventSource } from '../noticeState.js';
import { tokenOfReturnPath } from '../returnPath.js';
import { eventTypeOf, parseBounce, type ParsedBounce } from './parse.js';

export type BounceResult =
  | { outcome: 'not-a-bounce'; subject: string }
  | { outcome: 'unmatched'; bounce: ParsedBounce }
  | { outcome: 'recorded'; key: string; matchedBy: 'return-path' | 'key' | 'message-id'; events: { type: string; recipient: string; status: string | null }[] };

export interface RecordOptions {
  deliveries: DeliveryLog;
  source: Extract<EventSource, 'inbound-smtp' | 'imap'>;
  /** SMTP envelope recipients (RCPT TO), where the bounce came by SMTP. */
  envelopeTo?: string[];
  /** Only return paths under this domain count (DONDOC_BOUNCE_DOMAIN). */
  bounceDomain?: string;
  /** When the report arrived (ISO); default now. */
  at?: string;
}

async function match(log: DeliveryLog, b: ParsedBounce, opts: RecordOptions): Promise<{ row: DeliveryRecord; by: 'return-path' | 'key' | 'message-id' } | null> {
  for (const address of [...(opts.envelopeTo ?? []), ...b.to]) {
    const token = tokenOfReturnPath(address, opts.bounceDomain);
    const row = token ? await log.findByReturnToken(token) : null;
    if (row) return { row, by: 'return-path' };
  }
  // The returned headers: a weaker proof than the token (anyone who knows the scheme can write them).
  const byKey = b.originalKey ? await log.get(b.originalKey) : null;
  if (byKey && (!b.originalMessageId || byKey.messageId === b.originalMessageId)) return { row: byKey, by: 'key' };
  const byId = b.originalMessageId ? await log.findByMessageId(b.originalMessageId) : null;
  return byId ? { row: byId, by: 'message-id' } : null;
}

/** Parses and records one inbound message. Throws StorageError when the log cannot be written (retry later). */
export async function recordBounce(raw: Buffer | string, opts: RecordOptions): Promise<BounceResult> {
  const b = await parseBounce(raw);
  if (!b) return { outcome: 'not-a-bounce', subject: '' };
  const found = await match(opts.deliveries, b, opts);
  if (!found) return { outcome: 'unmatched', bounce: b };
  const at = opts.at ?? new Date().toISOString();
  const events = [];
  for (const r of b.recipients) {
    const type = eventTypeOf(r);
    await opts.deliveries.record({
      key: found.row.key,
      type,
      recipient: r.address,
      status: r.status,
      diagnostic: r.diagnostic,
      source: opts.source,
      at,
      detail: { remoteMta: r.remoteMta, action: r.action, matchedBy: found.by },
    });
    events.push({ type, recipient: r.address, status: r.status });
  }
  return { outcome: 'recorded', key: found.row.key, matchedBy: found.by, events };
}
