/**
 * A simulation's script cut into chunks, each run as its own simulationScriptWorkflow execution.
 *
 * Why: the time-skipping test server caps every workflow run and execution at 3,650 days (10 × 365; its
 * StateMachines.DEFAULT_WORKFLOW_EXECUTION_TIMEOUT_MILLISECONDS, applied with Math.min even to a timeout
 * given explicitly), so one script spanning 2026–2035 (3,652 days less 8 hours) ended "Workflow execution
 * timed out". One execution per chunk keeps every script run far below the cap, whatever the horizon, and
 * keeps each script's history to one chunk of steps.
 *
 * A chunk ends halfway between its last step and the next chunk's first, never on a step's instant: the
 * next chunk then reaches its first step through a timer, as one script would, rather than acting at
 * once at the instant the previous script completed (an Update sent then was never delivered by the test
 * server: its workflow task stayed started and was retried every minute).
 */
import type { ScriptStep } from './scriptActivities.js';

export interface ScriptChunk {
  steps: ScriptStep[];
  /** The chunk's script sleeps until this instant after its last step. */
  endAt: string;
}

export const CHUNK_LIMITS = {
  /** Longest span of one chunk (days): far below the server's 3,650. */
  maxDays: 366,
  /** Most steps in one chunk (about 11 history events each); steps at one instant stay together. */
  maxSteps: 250,
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** Steps must be in time order. Always at least one chunk (an empty script still sleeps to the end). */
export function chunkScript(steps: readonly ScriptStep[], startAt: string, endAt: string, limits: { maxDays: number; maxSteps: number } = CHUNK_LIMITS): ScriptChunk[] {
  const spanMs = limits.maxDays * 86_400_000;
  const end = Date.parse(endAt);
  const chunks: ScriptChunk[] = [];
  let current: ScriptStep[] = [];
  let from = Date.parse(startAt);
  for (const step of steps) {
    const at = Date.parse(step.at);
    const prev = current.at(-1);
    const prevAt = prev ? Date.parse(prev.at) : from;
    // Spans with no step at all (a quiet year) still end before the cap.
    while (at - from > spanMs && !current.length) {
      chunks.push({ steps: [], endAt: iso(from + spanMs / 2) });
      from += spanMs / 2;
    }
    if (current.length && at > prevAt && (current.length >= limits.maxSteps || at - from > spanMs)) {
      const boundary = Math.max(prevAt + 1, Math.min(prevAt + Math.floor((at - prevAt) / 2), from + spanMs));
      chunks.push({ steps: current, endAt: iso(boundary) });
      current = [];
      from = boundary;
    }
    current.push(step);
  }
  const lastAt = current.length ? Date.parse(current.at(-1)!.at) : from;
  while (end - from > spanMs) {
    // Every step of the current chunk lies within its first span; the rest of the horizon in spans.
    const boundary = Math.max(lastAt + 1, from + spanMs / 2);
    chunks.push({ steps: current, endAt: iso(boundary) });
    current = [];
    from = boundary;
  }
  chunks.push({ steps: current, endAt });
  return chunks;
}
