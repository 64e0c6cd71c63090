/** Prints the Temporal worker's buffered log lines for a failing test only; clears them after each test. */
import { afterEach } from 'vitest';

process.env.DONDOC_BUFFER_LOGS = '1';
import { logBuffer } from '../../src/runtime/logging.js';

afterEach((ctx) => {
  const logs = logBuffer();
  if (ctx.task.result?.state === 'fail' && logs.length) process.stderr.write(`--- worker log of "${ctx.task.name}" ---\n${logs.join('')}`);
  logs.splice(0);
});
