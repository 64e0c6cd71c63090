/**
 * What the directory repository must do, run on PGlite (test/db/directory.test.ts) and on a real
 * PostgreSQL server (test/integration/postgres.test.ts). Expects no directory rows at its start.
 */
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { DirectoryConflictError, DirectoryReferenceError } from '../../src/db/directory.js';
import { directoryAgencySchema, type DirectoryAgency, type DirectoryAgencyInput } from '../../src/directory/model.js';

const agency = (over: Partial<DirectoryAgencyInput> & { id: string }): DirectoryAgency =>
  directoryAgencySchema.parse({ province: 'Sơn La', kind: 'department', names: [{ name: 'Sở Tài chính' }], ...over });
const by = { actor: 'thuongtruc', action: 'directory-edit', ip: '127.0.0.1' };

export function directoryContract(database: () => Database): void {
  it('keeps names over time, several contacts per role and a succession with functions, as saved', async () => {
    await database().directory.save(agency({ id: 'son-la.so-noi-vu', names: [{ name: 'Sở Nội vụ' }] }), by);
    await database().directory.save(agency({ id: 'son-la.so-giao-duc-va-dao-tao', names: [{ name: 'Sở Giáo dục và Đào tạo' }] }), by);
    const ld = agency({
      id: 'son-la.so-lao-dong-thuong-binh-va-xa-hoi',
      names: [{ name: 'Sở Lao động - Thương binh và Xã hội', shortName: 'Sở LĐTBXH', to: '2025-02-28' }],
      contacts: [
        { role: 'focal', name: 'Lò Văn Hùng', title: 'Chuyên viên', email: 'hung@sonla.gov.vn', phone: '0212 3852 123' },
        { role: 'focal', email: 'vanthu@sonla.gov.vn' },
        { role: 'head', name: 'Cầm Thị Lan', title: 'Giám đốc', email: 'lan@sonla.gov.vn' },
      ],
      successor: {
        from: '2025-03-01',
        basis: 'Nghị định số 45/2025/NĐ-CP',
        to: [
          { agencyId: 'son-la.so-noi-vu', functions: 'lao động, việc làm' },
          { agencyId: 'son-la.so-giao-duc-va-dao-tao', functions: 'giáo dục nghề nghiệp', tasks: ['son-la-37-ct-tw-2024:v.4'] },
        ],
      },
    });
    expect(await database().directory.save(ld, by)).toMatchObject({ revision: 1, outcome: 'created' });
    const got = await database().directory.get(ld.id);
    expect(got).toMatchObject({ ...JSON.parse(JSON.stringify(ld)), revision: 1 });
    expect(got!.names[0]).toEqual({ name: 'Sở Lao động - Thương binh và Xã hội', shortName: 'Sở LĐTBXH', from: null, to: '2025-02-28' });
    expect(got!.successor!.to[1]).toEqual({ agencyId: 'son-la.so-giao-duc-va-dao-tao', functions: 'giáo dục nghề nghiệp', tasks: ['son-la-37-ct-tw-2024:v.4'] });
  });

  it('a change bumps the revision, is kept in the history with who and from where, and is audited', async () => {
    const id = 'son-la.so-lao-dong-thuong-binh-va-xa-hoi';
    const before = (await database().directory.get(id))!;
    const changed = { ...before, contacts: [...before.contacts, { role: 'head' as const, email: 'pho@sonla.gov.vn', placeholder: false }] };
    expect(await database().directory.save(changed, { ...by, ip: '10.0.0.7' }, { expectedRevision: 1 })).toMatchObject({ revision: 2, outcome: 'updated' });
    const history = await database().directory.history(id);
    expect(history.map((h) => [h.revision, h.actor, h.ip])).toEqual([
      [2, 'thuongtruc', '10.0.0.7'],
      [1, 'thuongtruc', '127.0.0.1'],
    ]);
    expect(history[0]!.record.contacts.map((c) => c.email)).toContain('pho@sonla.gov.vn');
    expect(history[1]!.record.contacts.map((c) => c.email)).not.toContain('pho@sonla.gov.vn');
    const audit = (await database().audit.recent(10)).filter((e) => e.target === id);
    expect(audit.map((e) => [e.action, e.detail])).toEqual([
      ['directory-edit', { revision: 2 }],
      ['directory-edit', { revision: 1 }],
    ]);
  });

  it('saving the same record again changes nothing and writes no history', async () => {
    const id = 'son-la.so-lao-dong-thuong-binh-va-xa-hoi';
    const now = (await database().directory.get(id))!;
    expect(await database().directory.save(now, by)).toMatchObject({ revision: 2, outcome: 'unchanged' });
    expect((await database().directory.history(id)).length).toBe(2);
  });

  it('a form opened at an older revision is refused, in Vietnamese, and nothing is written', async () => {
    const id = 'son-la.so-lao-dong-thuong-binh-va-xa-hoi';
    const now = (await database().directory.get(id))!;
    const err = await database()
      .directory.save({ ...now, note: 'x' }, by, { expectedRevision: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryConflictError);
    expect((err as Error).message).toContain('vừa được người khác sửa');
    expect((await database().directory.get(id))!.note).toBeUndefined();
  });

  it('a successor that is not in the directory is refused with its id', async () => {
    const err = await database()
      .directory.save(agency({ id: 'son-la.so-ke-hoach-va-dau-tu', successor: { from: '2025-03-01', to: [{ agencyId: 'son-la.so-tai-chinh' }] } }), by)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryReferenceError);
    expect((err as Error).message).toBe('Cơ quan "son-la.so-ke-hoach-va-dau-tu": cơ quan kế thừa "son-la.so-tai-chinh" chưa có trong danh bạ');
    expect(await database().directory.get('son-la.so-ke-hoach-va-dau-tu')).toBeNull();
  });

  it('an import saves every row in one transaction, successors named later in the batch included', async () => {
    const results = await database().directory.saveMany(
      [
        agency({
          id: 'son-la.so-ke-hoach-va-dau-tu',
          names: [{ name: 'Sở Kế hoạch và Đầu tư', to: '2025-02-28' }],
          successor: { from: '2025-03-01', to: [{ agencyId: 'son-la.so-tai-chinh' }] },
        }),
        agency({ id: 'son-la.so-tai-chinh' }),
      ],
      { actor: 'thuongtruc', action: 'directory-import' },
    );
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    const failed = await database()
      .directory.saveMany(
        [
          agency({ id: 'son-la.bao-son-la', kind: 'media', names: [{ name: 'Báo Sơn La' }] }),
          agency({ id: 'son-la.x', successor: { from: '2025-03-01', to: [{ agencyId: 'son-la.khong-co' }] } }),
        ],
        by,
      )
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DirectoryReferenceError);
    expect(await database().directory.get('son-la.bao-son-la')).toBeNull();
  });
}
