import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { memoryDeliveries } from '../../src/db/deliveries.js';
import { deliveryStateContract, repositoryContract } from './contract.js';

describe('repositories on PGlite (in memory)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
  }, 60_000);
  afterAll(() => db?.close());
  repositoryContract(() => db);
});

describe('the in-memory delivery log (simulations, workflow tests)', () => {
  const log = memoryDeliveries();
  deliveryStateContract(() => log);
});
