/**
 * A simulation's script cut into chunks, each run as its own simulationScriptWorkflow execution.
 *
 * Why: the time-skipping test server caps every workflow run and execution at 3,650 days (10 × 365; its
 * StateMachines.DEFAULT_WORKFLOW_EXECUTION_TIMEOUT_MILLISECONDS, applied with Math.min even to a timeout
 * given explicitly), so one script spanning 2026–2035 (3,652 days less 8 hours) ended "Workflow execution
 * timed out". One execution per chunk keeps every script run far below the cap, whatever the horizon, and
 * keeps each script's history to one chunk of steps. A chunk sleeps until the first instant of the next
 * one, so the steps run at the same instants, in the same order, as in one script.
 */
import type { ScriptStep } from './scriptActivities.js';

export interface ScriptChunk {
  steps: ScriptStep[];
  /** The chunk's script sleeps until this instant after its last step: the next chunk's first, or the end. */
  endAt: string;
}

export const CHUNK_LIMITS = {
  /** Longest span of one chunk (days): far below the server's 3,650. */
  maxDays: 366,
  /** Most steps in one chunk: about 11 history events each. */
  maxSteps: 250,
} as const;

/** Steps must be in time order. Always at least one chunk (an empty script still sleeps to the end). */
export function chunkScript(steps: readonly ScriptStep[], startAt: string, endAt: string, limits: { maxDays: number; maxSteps: number } = CHUNK_LIMITS): ScriptChunk[] {
  const spanMs = limits.maxDays * 86_400_000;
  const chunks: ScriptChunk[] = [];
  let current: ScriptStep[] = [];
  let chunkStart = Date.parse(startAt);
  for (const step of steps) {
    const at = Date.parse(step.at);
    if (current.length >= limits.maxSteps || (current.length > 0 && at - chunkStart > spanMs)) {
      chunks.push({ steps: current, endAt: step.at });
      current = [];
      chunkStart = at;
    }
    current.push(step);
  }
  // The rest of the horizon, in spans the server accepts even where no step falls (every step of the
  // current chunk lies within its first span).
  const end = Date.parse(endAt);
  for (let from = chunkStart; end - from > spanMs; from += spanMs) {
    chunks.push({ steps: current, endAt: new Date(from + spanMs).toISOString() });
    current = [];
  }
  chunks.push({ steps: current, endAt });
  return chunks;
}
