import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzExtensionRequests, fuzzSubmissions } from '../fuzz/properties.js';
import { runScript } from '../support/script.js';
import { startWebRig, type WebRig } from '../support/web.js';

/**
 * The routes' half of the fuzz suite, seeded, on the real server and workflows (npm run fuzz runs
 * more): no 5xx, no crash, nothing invalid accepted, nothing refused yet recorded, no workflow broken.
 */
describe('fuzz (seeded): submissions through every route and extension requests', () => {
  let web: WebRig;
  const apiToken = 'api-token-for-the-fuzz-suite-0123456789abcdef';
  const RUNS = Number(process.env.DONDOC_FUZZ_RUNS ?? 60);
  const zero = { '5xx': 0, crashes: 0, acceptedButInvalid: 0, rejectedButRecorded: 0, workflowsBroken: 0, examples: [] };
  const failures = ({ runs: _r, accepted: _a, refused: _f, ...c }: Awaited<ReturnType<typeof fuzzSubmissions>>) => c;

  beforeAll(async () => {
    web = await startWebRig('web-fuzz', '2026-06-03T09:00:00+07:00', { apiToken });
    await runScript(web.rig.env.client, web.taskQueue, web.clockOffsetMs, '2026-06-04T09:00:00+07:00');
  });
  afterAll(async () => {
    await web?.close();
  });

  it(`submissions (${RUNS} runs over the link API, the portal form and the staff API)`, async () => {
    const c = await fuzzSubmissions(web, apiToken, RUNS, 20261203);
    expect(failures(c)).toEqual(zero);
    expect(c.accepted).toBeGreaterThan(0);
    expect(c.refused).toBeGreaterThan(0);
  }, 600_000);

  it(`extension requests (${RUNS} runs over the link API and the portal form)`, async () => {
    const c = await fuzzExtensionRequests(web, RUNS, 20261204);
    expect(failures(c)).toEqual(zero);
    expect(c.refused).toBeGreaterThan(0);
  }, 600_000);
});
