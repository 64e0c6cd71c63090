/**
 * (d) History sizes of the current code against the old code (commit f81c1b2, which sent whole reports
 * in the submitReport Update and the cycle's signals): bench/history/measure.ts run on each checkout, the
 * old one in a temporary `git worktree` (node_modules and .tools symlinked), removed afterwards.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/runtime/tools.js';

const run = promisify(execFile);
export const OLD_COMMIT = 'f81c1b2';

export interface HistoryRow {
  workflow: string;
  id: string;
  events: number;
  bytes: number;
  runs: number;
  /** Its history was refused by the client (over 4 MB): events from describe, bytes from the refusal. */
  overClientLimit?: boolean;
}
export interface Measured {
  agencies: number;
  chars: number;
  revisionsOfFirst: number;
  submitted: number;
  /** Set when the run could not finish the cycle (the old code): what was measured is the state then. */
  stalled: { afterSeconds: number; cycleWorkflowTaskFailure: string | null } | null;
  payloadBytes: { first: number };
  rows: HistoryRow[];
}

export interface HistoryFigures {
  code: string;
  chars: number;
  agencies: number;
  submitted: number;
  stalled: Measured['stalled'];
  /** One full-length report as stored (bytes of its JSON). */
  reportBytes: number;
  plan: { events: number; bytes: number; runs: number };
  cycle: { events: number; bytes: number };
  standing: { events: number; bytes: number };
  /** Agency-periods with one revision: the largest. */
  agencyMax: { events: number; bytes: number };
  /** The agency-period with `revisionsOfFirst` revisions. */
  agencyRevised: { events: number; bytes: number; revisions: number };
  /** The cycle workflow with all its agency workflows and the standing agency's. */
  cycleTotal: { events: number; bytes: number };
}

export async function measureHistory(root: string, opts: { agencies: number; chars: number; revisions: number }): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-history-out-'));
  try {
    const out = join(dir, 'out.json');
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'bench', 'history', 'measure.ts'),
        '--root',
        root,
        '--out',
        out,
        '--agencies',
        String(opts.agencies),
        '--chars',
        String(opts.chars),
        '--revisions',
        String(opts.revisions),
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(await readFile(out, 'utf8')) as Measured;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs fn in a temporary worktree of the old commit, removed afterwards whatever happens. */
export async function withOldCheckout<T>(fn: (root: string) => Promise<T>): Promise<T> {
  const root = join(tmpdir(), 'dondoc-old');
  if (existsSync(root)) await run('git', ['worktree', 'remove', '--force', root], { cwd: projectRoot }).catch(() => rm(root, { recursive: true, force: true }));
  await run('git', ['worktree', 'add', '--detach', root, OLD_COMMIT], { cwd: projectRoot });
  try {
    await symlink(join(projectRoot, 'node_modules'), join(root, 'node_modules'));
    await symlink(join(projectRoot, '.tools'), join(root, '.tools'));
    return await fn(root);
  } finally {
    await run('git', ['worktree', 'remove', '--force', root], { cwd: projectRoot });
  }
}

export function summarise(code: string, m: Measured): HistoryFigures {
  const pick = (w: string) => m.rows.filter((r) => r.workflow === w);
  const sum = (rows: HistoryRow[]) => ({ events: rows.reduce((a, r) => a + r.events, 0), bytes: rows.reduce((a, r) => a + r.bytes, 0) });
  const agencies = pick('agency');
  const [revised, ...others] = agencies;
  const max = (rows: HistoryRow[]) => ({ events: Math.max(0, ...rows.map((r) => r.events)), bytes: Math.max(0, ...rows.map((r) => r.bytes)) });
  const plan = pick('plan')[0];
  return {
    code,
    chars: m.chars,
    agencies: m.agencies,
    submitted: m.submitted,
    stalled: m.stalled ?? null,
    reportBytes: m.payloadBytes.first,
    plan: { events: plan?.events ?? 0, bytes: plan?.bytes ?? 0, runs: plan?.runs ?? 0 },
    cycle: sum(pick('cycle')),
    standing: sum(pick('standing')),
    agencyMax: max(others),
    agencyRevised: { ...(revised ? { events: revised.events, bytes: revised.bytes } : { events: 0, bytes: 0 }), revisions: m.revisionsOfFirst },
    cycleTotal: sum([...pick('cycle'), ...agencies, ...pick('standing')]),
  };
}

/** `lengths`: the report lengths measured on the current code (default 200 and 20,000 characters; quick: 20,000 alone). */
export async function historyFigures(opts: { agencies: number; old: boolean; revisions: number; lengths?: number[]; log: (m: string) => void }): Promise<HistoryFigures[]> {
  const out: HistoryFigures[] = [];
  for (const chars of opts.lengths ?? [200, 20_000]) {
    opts.log(`(d) history, current code, ${chars}-character texts`);
    out.push(summarise('current', await measureHistory(projectRoot, { agencies: opts.agencies, chars, revisions: opts.revisions })));
  }
  if (opts.old) {
    opts.log(`(d) history, old code ${OLD_COMMIT}, 20,000-character texts`);
    out.push(summarise(OLD_COMMIT, await withOldCheckout((root) => measureHistory(root, { agencies: opts.agencies, chars: 20_000, revisions: opts.revisions }))));
  }
  return out;
}
