/**
 * "Không liên lạc được" on the staff grid and the agency's page (issue 15), rendered from an agency
 * status as the workflow reports it: Sở Tài chính (seed 004, H1 2026), both addresses bounced, the head
 * tried after the focal point, the overdue step waiting since 16/06 08:00.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanOrThrow } from '../../src/plan/load.js';
import { unreachableStatus } from '../support/proofFixtures.js';
import { agencyPage, planPage } from '../../src/web/pages/dashboard.js';
import { html } from '../../src/web/html.js';
import { projectRoot } from '../../src/runtime/tools.js';
import type { CycleState } from '../../workflows/cycleWorkflow.js';

const FOCAL = 'daumoi.so-tai-chinh@example.gov.vn';
const HEAD = 'lanhdao.so-tai-chinh@example.gov.vn';

describe('không liên lạc được, on the grid and the agency page', async () => {
  const plan = await loadPlanOrThrow(`${projectRoot}/plans/son-la-37-ct-tw-2024.yaml`);
  const now = Date.parse('2026-06-17T10:00:00+07:00');
  const cycle = { period: '2026-H1', phase: 'sent', agencies: [unreachableStatus()], standing: null, digests: [], draft: null, sent: null } as unknown as CycleState;
  const overview = { assumptions: [], calendarNotices: [], nextCycle: null } as never;

  it('the grid cell says it, with the addresses that failed', () => {
    const page = planPage(plan, overview, [cycle], html``, now).value;
    expect(page).toContain(`<div class="small error" data-unreachable="${FOCAL}, ${HEAD}">Không liên lạc được: ${FOCAL}, ${HEAD}</div>`);
  });

  it('the agency page names each address, the contact tried, and the step that waits', () => {
    const page = agencyPage(plan, '2026-H1', unreachableStatus(), [], [], html``, now).value;
    expect(page).toContain('<h2>Không liên lạc được</h2>');
    expect(page).toContain(`<li><strong>${FOCAL}</strong> <span class="small muted">(thư ngày 04/06/2026 08:00)</span></li>`);
    expect(page).toContain(`Đã gửi tới địa chỉ khác của đơn vị: ${HEAD} (thủ trưởng).`);
    expect(page).toContain('tạm dừng từ 16/06/2026 08:00');
  });

  it('nothing is said once the agency has reported, or for a workflow without the gate', () => {
    expect(agencyPage(plan, '2026-H1', unreachableStatus({ state: 'submitted-late', submittedAt: '2026-06-25T09:00:00+07:00' }), [], [], html``, now).value).not.toContain(
      'Không liên lạc được',
    );
    expect(planPage(plan, overview, [{ ...cycle, agencies: [unreachableStatus({ proof: undefined })] } as CycleState], html``, now).value).not.toContain('data-unreachable');
  });
});
