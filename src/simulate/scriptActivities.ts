/**
 * The activity behind simulationScriptWorkflow: performs one scripted step through the same client
 * calls a person would make (an Update to submit or approve, an Update to request an ad-hoc report).
 */
import type { Client } from '@temporalio/client';
import type { SubmissionPayload } from '../reporting/types.js';
import { submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { approveReportUpdate, cycleStateQuery } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { requestAdhocReportUpdate, type AdhocRequest } from '../../workflows/planWorkflow.js';

export type ScriptStep =
  | { at: string; action: 'submit'; planId: string; period: string; agencyId: string; payload: SubmissionPayload }
  | { at: string; action: 'approve'; planId: string; period: string }
  | { at: string; action: 'adhoc'; planId: string; request: AdhocRequest };

export interface ScriptStepResult {
  at: string;
  action: ScriptStep['action'];
  period?: string;
  agencyId?: string;
  outcome: 'done' | 'skipped';
  submittedAt?: string;
  late?: boolean;
  revision?: number;
}

export function createScriptActivities(client: Client) {
  return {
    async performScriptStep(step: ScriptStep): Promise<ScriptStepResult> {
      switch (step.action) {
        case 'submit': {
          const r = await client.workflow.getHandle(reportWorkflowId(step.planId, step.period, step.agencyId)).executeUpdate(submitReportUpdate, { args: [step.payload] });
          return { at: step.at, action: step.action, period: step.period, agencyId: step.agencyId, outcome: 'done', submittedAt: r.submittedAt, late: r.late, revision: r.revision };
        }
        case 'approve': {
          const handle = client.workflow.getHandle(cycleWorkflowId(step.planId, step.period));
          const state = await handle.query(cycleStateQuery).catch(() => null);
          if (state?.phase !== 'draft-sent') return { at: step.at, action: step.action, period: step.period, outcome: 'skipped' };
          await handle.executeUpdate(approveReportUpdate, { args: [{ approvedBy: 'simulation' }] });
          return { at: step.at, action: step.action, period: step.period, outcome: 'done' };
        }
        case 'adhoc': {
          const r = await client.workflow.getHandle(planWorkflowId(step.planId)).executeUpdate(requestAdhocReportUpdate, { args: [step.request] });
          return { at: step.at, action: step.action, period: r.period, outcome: 'done' };
        }
      }
    },
  };
}

export type ScriptActivities = ReturnType<typeof createScriptActivities>;
