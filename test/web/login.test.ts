import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ops } from '../../src/service/operations.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { addUser, StaffDirectory } from '../../src/web/auth.js';
import { buildServer } from '../../src/web/server.js';

/** The login alone needs no Temporal: Fastify's inject over a server whose operations are never reached. */
describe('staff login', () => {
  let dir: string;
  let app: ReturnType<typeof buildServer>;
  let db: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dondoc-login-'));
    db = await openDatabase({ memory: true });
    await addUser(db.users, 'thuongtruc', 'mat-khau-thu-nghiem-2026');
    app = buildServer({ ops: {} as Ops, plans: () => [], linkSecret: 'x'.repeat(32), staff: new StaffDirectory(db.users), dataDir: dir, db });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const form = async () => {
    const page = await app.inject({ method: 'GET', url: '/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { csrf, cookie };
  };
  const attempt = async (password: string) => {
    const { csrf, cookie } = await form();
    return app.inject({ method: 'POST', url: '/login', headers: { cookie }, payload: { user: 'thuongtruc', password, _csrf: csrf, next: '//evil.example/' } });
  };

  it('a right password sets an httpOnly, SameSite=Lax session cookie and never redirects off-site', async () => {
    const res = await attempt('mat-khau-thu-nghiem-2026');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.cookies.find((c) => c.name === 'dondoc_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('a login without the form’s CSRF token is refused before the password is looked at', async () => {
    const res = await app.inject({ method: 'POST', url: '/login', payload: { user: 'thuongtruc', password: 'mat-khau-thu-nghiem-2026' } });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'dondoc_session')).toBeUndefined();
  });

  it('after 10 attempts in a minute from one address, the next is refused with 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await attempt(`sai-${i}`)).statusCode);
    const blocked = await attempt('mat-khau-thu-nghiem-2026');
    expect(codes.filter((c) => c === 401).length).toBeGreaterThanOrEqual(8);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Đăng nhập quá nhiều lần');
  });
});
