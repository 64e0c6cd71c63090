import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { approvalPreview } from '../../src/web/approvalPreview.js';

/**
 * The confirmation step names whom the report goes to before anything is sent. The addresses are seed 004's
 * plan file: UBND tỉnh (its recipient), the vice-chairman in charge and Sở Nội vụ's head (its copies).
 */
describe('approval preview (what "Xác nhận duyệt và gửi" sends)', () => {
  const plan = loadPlanOrThrow(join(projectRoot, 'plans', 'son-la-37-ct-tw-2024.yaml'));

  it('a periodic report: to UBND tỉnh, copied to the leader in charge and the standing agency head, the email’s own rule', async () => {
    const p = approvalPreview(await plan, { period: '2026-H1', periodLabel: '6 tháng đầu năm 2026', kind: 'semiannual' }, '2026-06-17');
    expect(p.to).toEqual([{ name: 'Ủy ban nhân dân tỉnh Sơn La', email: 'ubnd.tinh@example.gov.vn' }]);
    expect(p.cc).toEqual(['pct.ubnd@example.gov.vn', 'lanhdao.so-noi-vu@example.gov.vn']);
    expect(p.files.map((f) => f.name)).toEqual(['docx', 'xlsx', 'html'].map((x) => `bao-cao-tong-hop-son-la-37-ct-tw-2024-2026-H1.${x}`));
  });

  it('an ad-hoc report: to Sở Nội vụ only (its focal point and head), never to the plan’s recipients', async () => {
    const p = approvalPreview(await plan, { period: 'adhoc-1', periodLabel: 'đột xuất', kind: 'adhoc' }, '2026-10-16');
    expect(p.to.map((r) => r.email).sort()).toEqual(['daumoi.so-noi-vu@example.gov.vn', 'lanhdao.so-noi-vu@example.gov.vn']);
    expect(p.cc).toEqual([]);
  });

  it('an edited Word file is named as such, and goes out under the report’s file name', async () => {
    const p = approvalPreview(await plan, { period: '2026-H1', periodLabel: '6 tháng đầu năm 2026', kind: 'semiannual' }, '2026-06-17', { name: 'ban-sua.docx' });
    expect(p.files[0]).toEqual({ name: 'bao-cao-tong-hop-son-la-37-ct-tw-2024-2026-H1.docx', what: 'Báo cáo (Word): bản đã chỉnh sửa ban-sua.docx', edited: true });
  });
});
