/**
 * Temporal's worker runtime logs to stdout by default; the CLI keeps stdout for its output (JSON), so
 * the runtime logs warnings and errors to stderr instead. Call before any worker or connection exists.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Under tests (`DONDOC_BUFFER_LOGS=1`, set by vitest.config.ts) lines are kept in memory instead: an
 * expected failure (an SMTP outage retried a hundred times) prints nothing, and a failing test prints
 * what was logged during it (test/support/logs.ts).
 */
export function logBuffer(): string[] {
  const g = globalThis as { __dondocLogs?: string[] };
  g.__dondocLogs ??= [];
  return g.__dondocLogs;
}

const MAX_BUFFERED = 5_000;

export function installRuntimeLogging(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  const buffer = process.env.DONDOC_BUFFER_LOGS === '1';
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: l, message, meta }) => {
      const line = `[temporal ${l}] ${message}${meta && Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : ''}\n`;
      if (!buffer) return void process.stderr.write(line);
      const logs = logBuffer();
      logs.push(line);
      if (logs.length > MAX_BUFFERED) logs.splice(0, logs.length - MAX_BUFFERED);
    }),
    // The native core would print to stdout on its own; forward it to the logger above. Its warning
    // that the test server lacks a heartbeat capability is expected there and silenced.
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}
