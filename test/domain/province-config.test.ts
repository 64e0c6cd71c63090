/** DONDOC_PROVINCE: what a province's settings become (docs/deployment.md), and the refusals of bad names. */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { databaseTarget } from '../../src/db/index.js';
import { schemaStatements } from '../../src/db/sql.js';

const SECRET = 'national-link-secret-national-link-secret';

describe('one province of a national deployment', () => {
  it('without DONDOC_PROVINCE nothing changes: namespace default, no schema, the data directory as given, the key as given', () => {
    const c = loadConfig({ DONDOC_DATA_DIR: '/data', LINK_SECRET: SECRET });
    expect([c.DONDOC_PROVINCE, c.TEMPORAL_NAMESPACE, c.DONDOC_DB_SCHEMA, c.DONDOC_DATA_DIR, c.DONDOC_CALENDAR_DIR, c.LINK_SECRET]).toEqual([
      undefined,
      'default',
      undefined,
      '/data',
      undefined,
      SECRET,
    ]);
    expect(databaseTarget(c)).toEqual({ dir: join('/data', 'db') });
  });

  it('the slug names the namespace, the schema, the data directory; the calendar stays the national one', () => {
    const c = loadConfig({ DONDOC_PROVINCE: 'son-la', DONDOC_DATA_DIR: '/data', DATABASE_URL: 'postgres://u:p@db:5432/dondoc', LINK_SECRET: SECRET });
    expect(c.TEMPORAL_NAMESPACE).toBe('dondoc-son-la');
    expect(c.DONDOC_TASK_QUEUE).toBe('dondoc');
    expect(c.DONDOC_DB_SCHEMA).toBe('province_son_la');
    expect(c.DONDOC_DATA_DIR).toBe('/data/provinces/son-la');
    expect(c.DONDOC_CALENDAR_DIR).toBe('/data/calendar');
    expect(databaseTarget(c)).toEqual({ url: 'postgres://u:p@db:5432/dondoc', schema: 'province_son_la' });
  });

  it('explicit settings win over the names made from the slug', () => {
    const c = loadConfig({ DONDOC_PROVINCE: 'thai-nguyen', TEMPORAL_NAMESPACE: 'tn-prod', DONDOC_DB_SCHEMA: 'tn', DONDOC_CALENDAR_DIR: '/etc/dondoc/calendar' });
    expect([c.TEMPORAL_NAMESPACE, c.DONDOC_DB_SCHEMA, c.DONDOC_CALENDAR_DIR]).toEqual(['tn-prod', 'tn', '/etc/dondoc/calendar']);
  });

  it('each province signs links with HMAC-SHA256("dondoc province link key" NUL slug) under LINK_SECRET: one national key, a different key per province', () => {
    const key = (slug: string) => loadConfig({ DONDOC_PROVINCE: slug, LINK_SECRET: SECRET }).LINK_SECRET;
    expect(key('son-la')).toBe(createHmac('sha256', SECRET).update('dondoc province link key\u0000son-la').digest('base64url'));
    expect(key('son-la')).not.toBe(key('thai-nguyen'));
    expect(key('son-la')).not.toBe(SECRET);
    expect(key('son-la').length).toBeGreaterThanOrEqual(32);
  });

  it('a bad slug or schema name stops start-up naming the variable', () => {
    expect(() => loadConfig({ DONDOC_PROVINCE: 'Sơn La' })).toThrow(/DONDOC_PROVINCE: a province slug/);
    expect(() => loadConfig({ DONDOC_PROVINCE: 'son-la-' })).toThrow(/DONDOC_PROVINCE/);
    expect(() => loadConfig({ DONDOC_PROVINCE: '../son-la' })).toThrow(/DONDOC_PROVINCE/);
    expect(() => loadConfig({ DONDOC_DB_SCHEMA: 'public; DROP TABLE users' })).toThrow(/DONDOC_DB_SCHEMA: a schema name/);
    expect(() => schemaStatements('x"; --')).toThrow(/DONDOC_DB_SCHEMA/);
  });
});
