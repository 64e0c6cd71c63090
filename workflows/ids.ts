/** Workflow ids derive from the plan, the period and the agency, so starting twice is harmless. */
export const planWorkflowId = (planId: string) => `plan:${planId}`;
export const cycleWorkflowId = (planId: string, period: string) => `cycle:${planId}:${period}`;
export const reportWorkflowId = (planId: string, period: string, agencyId: string, role: 'agency' | 'standing' = 'agency') =>
  role === 'standing' ? `report:${planId}:${period}:${agencyId}:tong-hop` : `report:${planId}:${period}:${agencyId}`;
/** One digest workflow per leader, named by the leader's mailbox (src/reporting/leaderDigest.ts leaderKey). */
export const leaderWorkflowId = (email: string) => `leader:${email.trim().toLowerCase()}`;
/** One morning summary workflow per standing agency officer, named by the officer's mailbox. */
export const officerWorkflowId = (email: string) => `officer:${email.trim().toLowerCase()}`;
