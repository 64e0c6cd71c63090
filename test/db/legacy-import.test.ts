import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { Mailer } from '../../src/mail/mailer.js';
import { hashPassword, StaffDirectory } from '../../src/web/auth.js';

describe('data of earlier versions, imported on first start', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('users.json accounts log in, the file sent log keeps its messages from going twice, and a second start imports nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-legacy-'));
    dirs.push(dataDir);
    await writeFile(join(dataDir, 'users.json'), JSON.stringify([{ name: 'thuongtruc', hash: await hashPassword('mat-khau-cu-2025'), createdAt: '2025-11-02T03:00:00.000Z' }]));
    await mkdir(join(dataDir, 'sent'));
    const key = 'report:son-la-37-ct-tw-2024:2026-H1:tinh-doan/reminder/2026-06-04/7';
    const messageId = Mailer.messageIdFor(key);
    await writeFile(
      join(dataDir, 'sent', `${messageId.slice(1, 33)}.json`),
      JSON.stringify({ key, messageId, at: '2026-06-04T08:00:00+07:00', to: ['tinhdoan@sonla.gov.vn'], subject: '[Nhắc hạn] Báo cáo 6 tháng' }),
    );

    const first = await openDatabase({ dir: join(dataDir, 'db') }, { legacyDataDir: dataDir });
    expect(first.opened.imported).toEqual({ 'users.json': 1, sent: 1 });
    expect(await new StaffDirectory(first.users).check('thuongtruc', 'mat-khau-cu-2025')).toBe(true);
    expect(await first.users.find('thuongtruc')).toMatchObject({ role: 'admin', createdAt: '2025-11-02T03:00:00.000Z' });
    expect(await first.deliveries.get(key)).toMatchObject({
      state: 'accepted',
      messageId,
      kind: 'reminder',
      planId: 'son-la-37-ct-tw-2024',
      period: '2026-H1',
      agencyId: 'tinh-doan',
      to: ['tinhdoan@sonla.gov.vn'],
    });
    expect(await first.deliveries.begin({ key, messageId, to: [], cc: [], subject: '', at: '2026-06-04T08:00:00+07:00' })).toEqual({ action: 'skip' });
    await first.close();

    const second = await openDatabase({ dir: join(dataDir, 'db') }, { legacyDataDir: dataDir });
    expect(second.opened).toEqual({ migrations: [], imported: {} });
    await second.close();
  });
});
