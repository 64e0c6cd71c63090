/**
 * Plain-JSON shapes that cross workflow, activity and API boundaries. No classes, no Dates, no Maps:
 * everything here survives continue-as-new and history replay unchanged.
 */
import type { PeriodKind } from '../calendar/periods.js';
import type { EscalationInstant, EscalationLevel, ReminderInstant } from '../calendar/schedule.js';

/** A plan version: workflows carry the reference, activities load the plan from the content store. */
export interface PlanRef {
  planId: string;
  /** sha256 of the normalised plan JSON. */
  hash: string;
}

/** Simulations run on a test server whose clock starts today; this shifts business time (0 in production). */
export interface ClockInput {
  clockOffsetMs?: number;
}

export interface AgencySchedule {
  lastDay: string;
  dueAt: string;
  reminders: ReminderInstant[];
  escalations: EscalationInstant[];
}

export interface AgencyObligation extends AgencySchedule {
  agencyId: string;
  role: 'agency' | 'standing';
  assumed: boolean;
}

export interface CycleSpec {
  period: string;
  periodLabel: string;
  kind: PeriodKind;
  /** Sort key of the cycle: (dueAt, period). The plan workflow starts cycles in this order. */
  dueAt: string;
  agencies: AgencyObligation[];
  standing: AgencyObligation | null;
  /** When the draft consolidated report is built if not everyone has reported by then. */
  draftAt: string;
  autoApprove: boolean;
  /** When the cycle workflow should start: a day before its first reminder. */
  opensAt: string;
  /** Ad-hoc cycles: the request's own subject. */
  subject?: string;
}

export type TaskStatus = 'chua-trien-khai' | 'dang-thuc-hien' | 'hoan-thanh' | 'thuong-xuyen';

export interface SubmissionPayload {
  period: string;
  tasks: { taskId: string; status: TaskStatus; progress?: number; result: string }[];
  targets: { targetId: string; value: number; note?: string }[];
  narrative: string;
  difficulties: string;
  recommendations: string;
  attachments: { name: string; sha256: string; size: number; contentType: string }[];
  submittedBy?: { name?: string; email?: string };
}

export interface SubmissionRecord {
  revision: number;
  submittedAt: string;
  late: boolean;
  payload: SubmissionPayload;
}

export type AgencyState = 'pending' | 'submitted' | 'submitted-late' | 'exempted' | 'overdue';

export interface AgencyStatus {
  agencyId: string;
  role: 'agency' | 'standing';
  period: string;
  state: AgencyState;
  lastDay: string;
  dueAt: string;
  submittedAt: string | null;
  revisions: number;
  remindersSent: string[];
  escalationLevel: EscalationLevel | null;
  /** When the leader's digest would list this agency if still late (moves with an extension). */
  digestAt: string | null;
  /** The last step of its ladder: the period does not close before. */
  ladderEndsAt: string;
  exemption: { reason: string; at: string } | null;
  extensions: { lastDay: string; reason: string; at: string; approved: boolean }[];
  /** An extension the agency asked for, awaiting the standing agency's decision. */
  extensionRequest: { lastDay: string; reason: string; at: string } | null;
  closed: boolean;
}

export type EmailKind =
  | 'dispatch'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'receipt'
  | 'draft'
  | 'consolidated'
  | 'extension'
  | 'extension-request'
  | 'exemption';
