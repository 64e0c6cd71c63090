/**
 * The bounce intake of a process: the inbound SMTP endpoint (when given a port) and the IMAP mailbox
 * reader (when DONDOC_BOUNCE_IMAP_URL is set), both recording into the delivery log, both closed with the
 * process. `dondoc start` runs the endpoint on 2526 by default; `dondoc worker` only when configured.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import { imapSettings, startBounceMailboxReader } from '../mail/bounces/imap.js';
import { startBounceEndpoint, type BounceEndpoint } from '../mail/bounces/inbound.js';
import type { Lifecycle } from './lifecycle.js';

export const DEFAULT_BOUNCE_SMTP_PORT = 2526;

export async function startBounceIntake(life: Lifecycle, config: Config, db: Database, port: number | undefined): Promise<{ endpoint?: BounceEndpoint; imap: boolean }> {
  let endpoint: BounceEndpoint | undefined;
  if (port !== undefined) {
    endpoint = await startBounceEndpoint({ deliveries: db.deliveries, port, host: config.DONDOC_BOUNCE_SMTP_HOST, bounceDomain: config.DONDOC_BOUNCE_DOMAIN }).catch(
      (err: NodeJS.ErrnoException) => {
        throw new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${config.DONDOC_BOUNCE_SMTP_HOST} is in use (DONDOC_BOUNCE_SMTP_PORT)` : `bounce endpoint: ${err.message}`);
      },
    );
    life.onStop('bounce endpoint', () => endpoint!.close());
  }
  if (config.DONDOC_BOUNCE_IMAP_URL) {
    imapSettings(config.DONDOC_BOUNCE_IMAP_URL); // a wrong URL stops start-up, naming the setting
    const reader = startBounceMailboxReader({
      url: config.DONDOC_BOUNCE_IMAP_URL,
      deliveries: db.deliveries,
      bounceDomain: config.DONDOC_BOUNCE_DOMAIN,
      intervalMs: config.DONDOC_BOUNCE_IMAP_INTERVAL_S * 1000,
    });
    life.onStop('bounce mailbox reader', () => reader.stop());
  }
  return { endpoint, imap: Boolean(config.DONDOC_BOUNCE_IMAP_URL) };
}
