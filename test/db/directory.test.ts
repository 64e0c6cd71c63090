/** The directory repository on PGlite: history, audit, revisions, references, import in one transaction, seeding once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { directoryContract } from './directoryContract.js';
import { seedDirectory } from '../../src/directory/seed.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';

describe('directory repository (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
  }, 60_000);
  afterAll(() => db?.close());

  directoryContract(() => db);

  it('seeds from the seed plans once: a second start leaves the directory as the officer left it', async () => {
    const fresh = await openDatabase({ memory: true });
    try {
      const plans = await Promise.all(['son-la-37-ct-tw-2024', 'an-giang-06-nq-cp-2023'].map((f) => loadPlanOrThrow(`plans/${f}.yaml`)));
      const seed = seedDirectory(plans);
      const n = await fresh.directory.seedIfEmpty(seed, { actor: 'dondoc', action: 'directory-seed' });
      expect(n).toBe(seed.length);
      expect(await fresh.directory.count()).toBe(seed.length);
      expect((await fresh.directory.get('son-la.so-ke-hoach-va-dau-tu'))!.successor).toMatchObject({ from: '2025-03-01', to: [{ agencyId: 'son-la.so-tai-chinh' }] });
      expect(await fresh.directory.seedIfEmpty(seed, { actor: 'dondoc', action: 'directory-seed' })).toBe(0);
      const snap = await fresh.directory.snapshot();
      expect(snap.agencies.length).toBe(seed.length);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
