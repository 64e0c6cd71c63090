/**
 * Temporal's worker runtime logs to stdout by default; the CLI keeps stdout for its output (JSON), so
 * the runtime logs warnings and errors to stderr instead. Call before any worker or connection exists.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

export function installRuntimeLogging(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: l, message, meta }) => {
      process.stderr.write(`[temporal ${l}] ${message}${meta && Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : ''}\n`);
    }),
    // The native core would print to stdout on its own; forward it to the logger above. Its warning
    // that the test server lacks a heartbeat capability is expected there and silenced.
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}
