/**
 * The activity behind simulationScriptWorkflow: performs one scripted step through the same client
 * calls a person would make (an Update to submit or approve, an Update to request an ad-hoc report).
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { SubmissionPayload, SubmissionRefInput } from '../reporting/types.js';
import { storeSubmission } from '../service/submissions.js';
import type { ContentStore } from '../storage/contentStore.js';
import type { DeliveryLog } from '../db/deliveries.js';
import { decideExtensionUpdate, submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { approveReportUpdate, cycleStateQuery } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { requestAdhocReportUpdate, type AdhocRequest } from '../../workflows/planWorkflow.js';

/**
 * A scripted submission carries the report itself (tests), or, as `dondoc simulate` does, the reference of
 * a report already stored: a script's input stays small however many and however long the reports are.
 */
export type SubmitStep = { at: string; action: 'submit'; planId: string; period: string; agencyId: string } & ({ payload: SubmissionPayload } | { stored: SubmissionRefInput });

export type ScriptStep =
  | SubmitStep
  | { at: string; action: 'approve'; planId: string; period: string }
  | { at: string; action: 'adhoc'; planId: string; request: AdhocRequest }
  /** The standing agency grants an extension at this instant. */
  | { at: string; action: 'extend'; planId: string; period: string; agencyId: string; lastDay: string; reason: string }
  /** The agency opens its personal link (the portal records it in the delivery log: proof of notice). */
  | { at: string; action: 'open'; planId: string; period: string; agencyId: string };

export interface ScriptStepResult {
  at: string;
  action: ScriptStep['action'];
  period?: string;
  agencyId?: string;
  outcome: 'done' | 'skipped' | 'rejected';
  /** Why the workflow refused the step (a rejected submission). */
  reasons?: string[];
  submittedAt?: string;
  late?: boolean;
  revision?: number;
}

export function createScriptActivities(client: Client, store: ContentStore, deliveries?: DeliveryLog) {
  return {
    async performScriptStep(step: ScriptStep): Promise<ScriptStepResult> {
      switch (step.action) {
        case 'submit': {
          // As the portal does: store the report, then hand the workflow its hash and summary.
          const ref = 'stored' in step ? step.stored : await storeSubmission(store, step.payload);
          try {
            const r = await client.workflow.getHandle(reportWorkflowId(step.planId, step.period, step.agencyId)).executeUpdate(submitReportUpdate, { args: [ref] });
            return {
              at: step.at,
              action: step.action,
              period: step.period,
              agencyId: step.agencyId,
              outcome: 'done',
              submittedAt: r.submittedAt,
              late: r.late,
              revision: r.revision,
            };
          } catch (err) {
            if (!(err instanceof WorkflowUpdateFailedError)) throw err;
            const reasons = ((err.cause as Error | undefined)?.message ?? err.message).split('; ');
            return { at: step.at, action: step.action, period: step.period, agencyId: step.agencyId, outcome: 'rejected', reasons };
          }
        }
        case 'extend': {
          await client.workflow
            .getHandle(reportWorkflowId(step.planId, step.period, step.agencyId))
            .executeUpdate(decideExtensionUpdate, { args: [{ approved: true, lastDay: step.lastDay, reason: step.reason, decidedBy: 'simulation' }] });
          return { at: step.at, action: step.action, period: step.period, agencyId: step.agencyId, outcome: 'done' };
        }
        case 'approve': {
          const handle = client.workflow.getHandle(cycleWorkflowId(step.planId, step.period));
          const state = await handle.query(cycleStateQuery).catch(() => null);
          if (state?.phase !== 'draft-sent') return { at: step.at, action: step.action, period: step.period, outcome: 'skipped' };
          await handle.executeUpdate(approveReportUpdate, { args: [{ approvedBy: 'simulation' }] });
          return { at: step.at, action: step.action, period: step.period, outcome: 'done' };
        }
        case 'open': {
          if (!deliveries) return { at: step.at, action: step.action, period: step.period, agencyId: step.agencyId, outcome: 'skipped' };
          await deliveries.opened({ planId: step.planId, period: step.period, agencyId: step.agencyId, at: step.at, source: 'portal' });
          return { at: step.at, action: step.action, period: step.period, agencyId: step.agencyId, outcome: 'done' };
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
