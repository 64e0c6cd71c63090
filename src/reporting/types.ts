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
  /** Longest wait between two delivery attempts (ms; worker setting); absent: the delivery policy's. */
  deliveryRetryCapMs?: number;
  /** false: the agencies are not told at once (an agency opened this ad-hoc period to report itself). */
  announce?: boolean;
  /** How long a notice may stay undelivered before the status says so (worker setting; absent: the workflow's default). */
  deliveryBudgetMs?: number;
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

/**
 * What a workflow keeps of a submission: enough to validate it and to count it, never its texts. The
 * payload itself is stored content-addressed (`.submission.json`) and travels by its sha256.
 */
export interface SubmissionSummary {
  period: string;
  tasks: { taskId: string; status: TaskStatus; progress?: number }[];
  /** Targets a value was reported for. */
  targetIds: string[];
  /** Lengths in characters of the free texts. */
  narrative: number;
  difficulties: number;
  recommendations: number;
  attachments: number;
  submittedBy?: { name?: string; email?: string };
}

/** A stored submission as workflows carry it. */
export interface SubmissionRefInput {
  sha256: string;
  /** Bytes of the stored JSON. */
  size: number;
  summary: SubmissionSummary;
}

export interface SubmissionRecord {
  revision: number;
  submittedAt: string;
  late: boolean;
  /** The report itself: inline in older workflows; resolved from the store (by `sha256`) for newer ones. */
  payload: SubmissionPayload;
  sha256?: string | null;
  size?: number;
  summary?: SubmissionSummary;
}

/** A submission record as the workflow returns it: the payload may still have to be loaded by its hash. */
export type SubmissionRecordRef = Omit<SubmissionRecord, 'payload'> & { payload?: SubmissionPayload };

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
  /** When the latest revision came in (submittedAt is the first). Absent in older workflows. */
  lastSubmittedAt?: string | null;
  /** Delivery trouble: a notice failing beyond the budget, and what could not be delivered. */
  delivery?: { failing: { key: string; since: string; error: string } | null; undeliverable: { key: string; since: string; error: string; at: string }[] };
  /** Every step issued and what became of it (delivered, superseded by a catch-up, undeliverable, withdrawn). */
  steps?: { key: string; at: string; level: string; outcome: string; noticeKey: string; settledAt: string | null }[];
  /** Notices delivered: key, type, when, Message-ID. */
  delivered?: { key: string; type: string; at: string; messageId: string }[];
  /** Who exempted, who decided the extension: kept with the decision. */
  exemptedBy?: string | null;
  /**
   * Proof of notice (workflows from `proof-gated-escalation` on): whether the agency was shown to be told
   * this period, since when an escalation waits for it, the addresses that bounced, the contacts tried instead.
   */
  proof?: {
    proven: boolean;
    provenAt: string | null;
    waitingSince: string | null;
    unreachable: { address: string; key: string; at: string }[];
    fallbacks: { address: string; contactRole: 'focal' | 'head'; failedAddress: string }[];
    exhausted: boolean;
  };
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
  | 'exemption'
  | 'period-open'
  | 'link'
  | 'undeliverable'
  | 'fallback'
  | 'proof-missing'
  /** The standing agency officer's morning summary, across plans (officerSummaryWorkflow). */
  | 'summary';
