/**
 * The directory's successor rule on the seed plans. Expected values come from the documents' text (seed
 * 004, Sơn La, section V) and the 2025 reorganisation (Decree 45/2025: Sở KH&ĐT merged into Sở Tài chính,
 * Sở LĐTBXH into Sở Nội vụ with vocational training to Sở GD&ĐT, from 01/03/2025).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { directoryAgencySchema, nameOn, type DirectoryAgency } from '../../src/directory/model.js';
import {
  adhocCandidates,
  applyDirectory,
  directoryIdOf,
  dispatchList,
  holderDisplayName,
  holderOf,
  holderTasks,
  mergeContacts,
  nameAsOf,
  standingOn,
} from '../../src/directory/resolve.js';
import { seedDirectory } from '../../src/directory/seed.js';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import type { Plan } from '../../src/plan/schema.js';
import { formModel } from '../../src/web/submissionForm.js';

let sonLa: Plan;
let plans: Plan[];
let directory: DirectoryAgency[];
beforeAll(async () => {
  plans = await Promise.all(
    ['son-la-37-ct-tw-2024', 'an-giang-06-nq-cp-2023', 'thai-nguyen-227-kh-ubnd-2021', 'ninh-thuan-06-nq-cp-2023', 'thai-binh-4263-ubnd-kgvx-2021'].map((f) =>
      loadPlanOrThrow(`plans/${f}.yaml`),
    ),
  );
  sonLa = plans[0]!;
  directory = seedDirectory(plans);
});

/** Sơn La with the plan file's successor blocks removed: only the directory knows the reorganisation. */
const withoutSuccessors = (plan: Plan): Plan => ({
  ...plan,
  agencies: plan.agencies
    .filter((a) => !['so-noi-vu', 'so-nong-nghiep-va-moi-truong', 'so-khoa-hoc-va-cong-nghe', 'ubnd-cac-xa-phuong'].includes(a.id))
    .map(({ successor: _s, ...a }) => a),
});

describe('the seeded directory', () => {
  it('holds each province’s agencies once, with Sở KH&ĐT of Sơn La succeeded by Sở Tài chính from 01/03/2025', () => {
    const khdt = directory.find((a) => a.id === 'son-la.so-ke-hoach-va-dau-tu')!;
    expect(khdt.names).toEqual([{ name: 'Sở Kế hoạch và Đầu tư', shortName: 'Sở KH&ĐT', from: null, to: '2025-02-28' }]);
    expect(khdt.successor).toMatchObject({ from: '2025-03-01', to: [{ agencyId: 'son-la.so-tai-chinh' }] });
    expect(new Set(directory.map((a) => a.id)).size).toBe(directory.length);
    // Sở Tài chính exists in the five provinces' plans except Thái Bình's (its letter does not name it).
    expect(
      directory
        .filter((a) => a.id.endsWith('.so-tai-chinh'))
        .map((a) => a.province)
        .sort(),
    ).toEqual(['An Giang', 'Ninh Thuận', 'Sơn La', 'Thái Nguyên']);
  });

  it('splits Sở LĐTBXH between Sở Nội vụ (standing role) and Sở GD&ĐT (giáo dục nghề nghiệp)', () => {
    const ld = directory.find((a) => a.id === 'son-la.so-lao-dong-thuong-binh-va-xa-hoi')!;
    expect(ld.successor!.to.map((s) => [s.agencyId, s.functions])).toEqual([
      ['son-la.so-noi-vu', 'lao động, việc làm; cơ quan thường trực của Kế hoạch'],
      ['son-la.so-giao-duc-va-dao-tao', 'giáo dục nghề nghiệp'],
    ]);
  });

  it('every successor named exists in the directory and every record passes the schema', () => {
    const ids = new Set(directory.map((a) => a.id));
    for (const a of directory) {
      expect(directoryAgencySchema.safeParse(a).success).toBe(true);
      for (const s of a.successor?.to ?? []) expect(ids.has(s.agencyId)).toBe(true);
    }
  });
});

describe('a successor that inherits several agencies’ tasks (Sơn La, Sở Tài chính after 01/03/2025)', () => {
  it('sees V.2 (Sở KH&ĐT’s), V.5 (its own) and V.10 (both) once each, leading all three', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    expect(holderTasks(plan, 'so-tai-chinh', '2026-06-15').map((t) => [t.task.section, t.role])).toEqual([
      ['V.2', 'lead'],
      ['V.5', 'lead'],
      ['V.10', 'lead'],
    ]);
  });

  it('the portal form has one row per task: V.2, V.5, V.10 (the staff page lists the same, holderTasks)', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    expect(formModel(plan, 'so-tai-chinh').tasks.map((t) => t.task.section)).toEqual(['V.2', 'V.5', 'V.10']);
  });

  it('before the merger each department sees its own tasks only', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    expect(holderTasks(plan, 'so-tai-chinh', '2025-02-28').map((t) => t.task.section)).toEqual(['V.5', 'V.10']);
    expect(holderTasks(plan, 'so-ke-hoach-va-dau-tu', '2025-02-28').map((t) => t.task.section)).toEqual(['V.2', 'V.10']);
  });

  it('gets one dispatch, and Sở KH&ĐT none of its own', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    const list = dispatchList(plan, '2026-12-01');
    expect(list.filter((d) => d.agencyId === 'so-tai-chinh')).toEqual([{ agencyId: 'so-tai-chinh', answersFor: ['so-ke-hoach-va-dau-tu'] }]);
    expect(list.some((d) => d.agencyId === 'so-ke-hoach-va-dau-tu')).toBe(false);
    expect(new Set(list.map((d) => d.agencyId)).size).toBe(list.length);
  });

  it('is named with both names where the plan names the old agency', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    expect(nameAsOf(plan, 'so-ke-hoach-va-dau-tu', '2026-06-15')).toBe('Sở Tài chính (tiếp nhận nhiệm vụ của Sở Kế hoạch và Đầu tư)');
    expect(nameAsOf(plan, 'so-ke-hoach-va-dau-tu', '2025-02-28')).toBe('Sở Kế hoạch và Đầu tư');
    expect(holderDisplayName(plan, 'so-tai-chinh', '2026-06-15')).toBe('Sở Tài chính (tiếp nhận nhiệm vụ của Sở Kế hoạch và Đầu tư)');
  });
});

describe('the reorganisation applied once, in the directory', () => {
  it('a plan file without successor blocks follows the directory: Sở LĐTBXH → Sở Nội vụ, added from the directory', () => {
    const bare = withoutSuccessors(sonLa);
    expect(holderOf(bare, 'so-lao-dong-thuong-binh-va-xa-hoi', '2026-06-15')).toBe('so-lao-dong-thuong-binh-va-xa-hoi');
    const plan = applyDirectory(bare, { agencies: directory });
    expect(standingOn(plan, '2026-06-15')).toBe('so-noi-vu');
    expect(plan.agencies.find((a) => a.id === 'so-noi-vu')).toMatchObject({ name: 'Sở Nội vụ', kind: 'department' });
    expect(nameAsOf(plan, 'so-lao-dong-thuong-binh-va-xa-hoi', '2026-06-15')).toBe('Sở Nội vụ (tiếp nhận nhiệm vụ của Sở Lao động - Thương binh và Xã hội)');
    expect(holderOf(plan, 'ubnd-cac-huyen-thanh-pho', '2025-07-01')).toBe('ubnd-cac-xa-phuong');
    expect(holderOf(plan, 'ubnd-cac-huyen-thanh-pho', '2025-06-30')).toBe('ubnd-cac-huyen-thanh-pho');
  });

  it('a task listed for the second successor of a split goes to it, the rest to the first', () => {
    const dir = directory.map((a) =>
      a.id === 'son-la.so-lao-dong-thuong-binh-va-xa-hoi'
        ? {
            ...a,
            successor: { ...a.successor!, to: a.successor!.to.map((s) => (s.agencyId === 'son-la.so-giao-duc-va-dao-tao' ? { ...s, tasks: ['son-la-37-ct-tw-2024:v.4'] } : s)) },
          }
        : a,
    );
    const plan = applyDirectory(sonLa, { agencies: dir });
    // V.4: Sở NN&PTNT leads, Sở LĐTBXH cooperates (seed 004, V.4 "Phối hợp với Sở Lao động - Thương binh và Xã hội").
    expect(holderTasks(plan, 'so-giao-duc-va-dao-tao', '2026-06-15').find((t) => t.task.id === 'v.4')?.role).toBe('cooperating');
    expect(holderTasks(plan, 'so-noi-vu', '2026-06-15').some((t) => t.task.id === 'v.4')).toBe(false);
    expect(holderTasks(plan, 'so-noi-vu', '2026-06-15').some((t) => t.task.id === 'v.1')).toBe(true);
  });

  it('the ad-hoc list offers no merged-away agency and not the standing agency', () => {
    const plan = applyDirectory(sonLa, { agencies: directory });
    const ids = adhocCandidates(plan, '2026-12-01').map((a) => a.id);
    for (const gone of [
      'so-lao-dong-thuong-binh-va-xa-hoi',
      'so-ke-hoach-va-dau-tu',
      'so-nong-nghiep-va-phat-trien-nong-thon',
      'so-thong-tin-va-truyen-thong',
      'ubnd-cac-huyen-thanh-pho',
      'so-noi-vu',
    ]) {
      expect(ids).not.toContain(gone);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['so-tai-chinh', 'so-giao-duc-va-dao-tao', 'so-nong-nghiep-va-moi-truong', 'so-khoa-hoc-va-cong-nghe', 'ubnd-cac-xa-phuong', 'bao-son-la']),
    );
  });

  it('directory ids are <province>.<plan id> unless the plan says otherwise', () => {
    expect(directoryIdOf(sonLa, { id: 'so-tai-chinh' })).toBe('son-la.so-tai-chinh');
    expect(directoryIdOf(plans[1]!, { id: 'so-tai-chinh' })).toBe('an-giang.so-tai-chinh');
    expect(directoryIdOf(sonLa, { id: 'x', directoryId: 'son-la.so-noi-vu' })).toBe('son-la.so-noi-vu');
  });
});

describe('contacts: a plan’s own override the directory’s', () => {
  const dir = [
    { role: 'focal' as const, email: 'daumoi@sotaichinh.sonla.gov.vn', placeholder: false, name: 'Lò Thị Mai' },
    { role: 'focal' as const, email: 'vanthu@sotaichinh.sonla.gov.vn', placeholder: false },
    { role: 'head' as const, email: 'giamdoc@sotaichinh.sonla.gov.vn', placeholder: false },
  ];
  it('a plan’s placeholders give way to the directory’s real addresses, several per role kept', () => {
    const merged = mergeContacts([{ role: 'focal', email: 'daumoi.so-tai-chinh@example.gov.vn', placeholder: true }], dir);
    expect(merged.map((c) => c.email)).toEqual(['daumoi@sotaichinh.sonla.gov.vn', 'vanthu@sotaichinh.sonla.gov.vn', 'giamdoc@sotaichinh.sonla.gov.vn']);
  });
  it('a plan’s real address wins for its role; the other role comes from the directory', () => {
    const merged = mergeContacts([{ role: 'focal', email: 'kh253@sotaichinh.sonla.gov.vn', placeholder: false }], dir);
    expect(merged.map((c) => [c.role, c.email])).toEqual([
      ['focal', 'kh253@sotaichinh.sonla.gov.vn'],
      ['head', 'giamdoc@sotaichinh.sonla.gov.vn'],
    ]);
  });
  it('an edited directory contact reaches the running plan', () => {
    const edited = directory.map((a) => (a.id === 'son-la.so-tai-chinh' ? { ...a, contacts: dir } : a));
    const plan = applyDirectory(sonLa, { agencies: edited });
    expect(
      plan.agencies
        .find((a) => a.id === 'so-tai-chinh')!
        .contacts.filter((c) => c.role === 'focal')
        .map((c) => c.email),
    ).toEqual(['daumoi@sotaichinh.sonla.gov.vn', 'vanthu@sotaichinh.sonla.gov.vn']);
  });
});

describe('names over time', () => {
  it('the name valid on a day, else the latest before it', () => {
    const a = {
      names: [
        { name: 'Sở Lao động - Thương binh và Xã hội', from: null, to: '2025-02-28' },
        { name: 'Sở Nội vụ', from: '2025-03-01', to: null },
      ],
    };
    expect(nameOn(a, '2024-12-31').name).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(nameOn(a, '2025-03-01').name).toBe('Sở Nội vụ');
  });
  it('rejects a name used after the agency was succeeded, in Vietnamese', () => {
    const r = directoryAgencySchema.safeParse({
      id: 'son-la.x',
      province: 'Sơn La',
      kind: 'department',
      names: [{ name: 'X', to: '2025-05-01' }],
      successor: { from: '2025-03-01', to: [{ agencyId: 'son-la.y' }] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['names', 0, 'to'], message: 'Tên còn dùng sau ngày cơ quan được kế thừa' });
  });
});
