/**
 * Links from an email to the staff page that acts on it (src/web/routes/staff.ts): the plan's page, where
 * a draft is approved, and an agency's page in a period, where an extension is decided. One place, so a
 * route that moves is changed once.
 */
export interface StaffLinks {
  /** `/plans/:planId`: the period × agency grid, the drafts to approve. */
  plan(planId: string): string;
  /** `/plans/:planId/periods/:period/agencies/:agencyId`: one agency in one period (extension, exemption). */
  agency(planId: string, period: string, agencyId: string): string;
}

export function staffLinks(publicUrl: string): StaffLinks {
  const base = publicUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  return {
    plan: (planId) => `${base}/plans/${e(planId)}`,
    agency: (planId, period, agencyId) => `${base}/plans/${e(planId)}/periods/${e(period)}/agencies/${e(agencyId)}`,
  };
}
