/**
 * dondoc's inbound SMTP endpoint for bounces (smtp-server): the relay delivers DSNs and bounce notices for
 * `bounce+<token>@<DONDOC_BOUNCE_DOMAIN>` here. Each message is parsed and recorded before it is
 * accepted; when the delivery log cannot be written the relay is told 451 and tries again later. A message
 * that is no bounce, or names no message of ours, is accepted and logged (a relay that retries forever
 * helps nobody). Bind it where only the relay reaches it: a forged bounce could hold back an escalation.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DeliveryLog } from '../../db/deliveries.js';
import { StorageError } from '../../db/sql.js';
import { recordBounce, type BounceResult } from './record.js';

export interface BounceEndpointOptions {
  deliveries: DeliveryLog;
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  bounceDomain?: string;
  /** Business time of arrival (simulations); default the wall clock. */
  clock?: () => Promise<number>;
  log?: (line: string) => void;
}

export interface BounceEndpoint {
  port: number;
  url: string;
  results(): BounceResult[];
  /** Resolves once `count` messages have been handled (tests). */
  waitFor(count: number, timeoutMs?: number): Promise<BounceResult[]>;
  close(): Promise<void>;
}

/** Bounces are small (headers only, or a returned message): larger ones are refused at DATA. */
export const MAX_BOUNCE_BYTES = 10 * 1024 * 1024;

export async function startBounceEndpoint(opts: BounceEndpointOptions): Promise<BounceEndpoint> {
  const results: BounceResult[] = [];
  const waiters: (() => void)[] = [];
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_BOUNCE_BYTES,
    closeTimeout: 500,
    banner: 'dondoc bounce endpoint',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(Object.assign(new Error('552 message too large for a bounce'), { responseCode: 552 }));
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        void (async () => {
          const at = new Date(opts.clock ? await opts.clock().catch(() => Date.now()) : Date.now()).toISOString();
          const result = await recordBounce(Buffer.concat(chunks), { deliveries: opts.deliveries, source: 'inbound-smtp', envelopeTo, bounceDomain: opts.bounceDomain, at });
          if (result.outcome === 'unmatched')
            log(`dondoc bounces: a bounce for ${result.bounce.recipients.map((r) => r.address).join(', ')} names no message of the delivery log (to ${envelopeTo.join(', ')})`);
          if (result.outcome === 'not-a-bounce') log(`dondoc bounces: a message to ${envelopeTo.join(', ')} is not a delivery report; ignored`);
          results.push(result);
          waiters.splice(0).forEach((w) => w());
          callback();
        })().catch((err: Error) => {
          log(`dondoc bounces: ${err.message}`);
          callback(Object.assign(new Error(err instanceof StorageError ? 'delivery log unavailable, try again later' : 'cannot process this message now'), { responseCode: 451 }));
        });
      });
    },
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    results: () => [...results],
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        if (Date.now() > deadline) throw new Error(`bounce endpoint: expected ${count} messages, got ${results.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return [...results];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
