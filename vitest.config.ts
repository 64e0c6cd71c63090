import { defineConfig } from 'vitest/config';

// Two projects: the domain runs with no server (milliseconds); the Temporal project shares one
// time-skipping test server and one real SMTP catcher started by its global setup.
export default defineConfig({
  test: {
    // Temporal tests share one server; each uses its own task queue. Files run one at a time to keep
    // the two cores of a CI machine for the server and the workers.
    fileParallelism: false,
    projects: [
      {
        test: { name: 'domain', include: ['test/domain/**/*.test.ts'], environment: 'node' },
      },
      {
        // The repositories and the mailer on PGlite, in process: no server, seconds.
        test: { name: 'db', include: ['test/db/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: 'temporal',
          include: ['test/workflows/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/web/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          // Worker logs are buffered and printed only for a failing test (expected retries stay quiet).
          setupFiles: ['test/support/logs.ts'],
          env: { DONDOC_BUFFER_LOGS: '1' },
          testTimeout: 120_000,
          // A file's rig (server, bundle, worker, Chromium) can take minutes on a loaded 2-core machine.
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
