/**
 * Records the event histories of a simulated year of every seed plan into test/histories/<set>/, for
 * the replay test: a change to workflow code that would not replay them fails CI.
 * After an intended, versioned (patched) change: `npm run record-histories -- <set-name>`. Earlier sets
 * stay: they stand for workflows still running on the old code paths.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;
import { loadPlanOrThrow } from '../src/plan/load.js';
import { installRuntimeLogging } from '../src/runtime/logging.js';
import { projectRoot } from '../src/runtime/tools.js';
import { simulate } from '../src/simulate/simulate.js';
import type { CycleSpec } from '../src/reporting/types.js';
import { nextCycleAfter } from '../src/reporting/cycles.js';
import type { SubmitBehaviour } from '../src/simulate/script.js';
import { cycleWorkflowId, leaderWorkflowId, officerWorkflowId, planWorkflowId, reportWorkflowId } from '../workflows/ids.js';
import { leadersEver } from '../src/reporting/leaderDigest.js';

const runs: { plan: string; from: string; to: string; adhoc?: { at: string; agencyIds: string[]; lastDay: string; subject: string }[]; bounce?: boolean }[] = [
  // bounce: the agency that never reports is unreachable at both its addresses (issue 15's held steps and fallback).
  { plan: 'son-la-37-ct-tw-2024', from: '2026-01-01', to: '2026-12-31', bounce: true },
  { plan: 'thai-nguyen-227-kh-ubnd-2021', from: '2026-01-01', to: '2026-12-31' },
  { plan: 'an-giang-06-nq-cp-2023', from: '2025-01-01', to: '2025-12-31' },
  { plan: 'ninh-thuan-06-nq-cp-2023', from: '2025-01-01', to: '2025-12-31' },
  {
    plan: 'thai-binh-4263-ubnd-kgvx-2021',
    from: '2026-01-01',
    to: '2026-12-31',
    adhoc: [{ at: '2026-03-02T09:00:00+07:00', agencyIds: ['so-cong-thuong', 'lien-doan-lao-dong-tinh'], lastDay: '2026-03-20', subject: 'Khó khăn, vướng mắc' }],
  },
];

const set = process.argv[2];
if (!set || !/^[a-z0-9.-]+$/.test(set)) {
  console.error('usage: npm run record-histories -- <set-name>   (lowercase, e.g. v3-extension-requests)');
  process.exit(2);
}
const dir = join(projectRoot, 'test', 'histories', set);
installRuntimeLogging();
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });

async function save(client: Client, workflowId: string, runId: string | undefined, name: string): Promise<string | undefined> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  // Binary protobuf, exactly as the server sent it (the JSON helper trips over two protobufjs copies).
  await writeFile(join(dir, `${name}.binpb`), temporal.api.history.v1.History.encode(history).finish());
  const last = history.events?.at(-1);
  process.stderr.write(`  ${name}: ${history.events?.length ?? 0} events\n`);
  return last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
}

const safe = (s: string) => s.replace(/[^a-z0-9.-]+/gi, '_');

// `-- <set> [plan...]`: only these seed plans (a set recorded for one workflow type needs no more).
const only = process.argv.slice(3);
for (const r of runs.filter((x) => only.length === 0 || only.includes(x.plan))) {
  process.stderr.write(`${r.plan} ${r.from}..${r.to}\n`);
  const plan = await loadPlanOrThrow(join(projectRoot, 'plans', `${r.plan}.yaml`));
  // Record the paths that matter: in the first cycle one agency never reports and one is late.
  const first = r.adhoc ? r.adhoc[0]!.agencyIds : (nextCycleAfter(plan, null, `${r.from}T08:00:00+07:00`)?.agencies.map((a) => a.agencyId) ?? []);
  const submit: Record<string, SubmitBehaviour> = {};
  if (first[0]) submit[first[0]] = { kind: 'never' };
  if (first[1]) submit[first[1]] = { kind: 'late', workingDays: 2 };
  await simulate({
    plan,
    from: r.from,
    to: r.to,
    adhoc: r.adhoc,
    submit,
    bounces:
      r.bounce && first[0]
        ? [
            { agencyId: first[0], role: 'focal' },
            { agencyId: first[0], role: 'head' },
          ]
        : undefined,
    async afterScript({ client, planRunId, cycles }: { client: Client; planRunId: string; cycles: CycleSpec[] }) {
      let runId: string | undefined = planRunId;
      for (let i = 1; runId; i++) runId = await save(client, planWorkflowId(plan.id), runId, `${r.plan}--plan-run${i}`);
      // The leader's digest and the officer's summary (leader-digest-workflow and after): every run of the last chain.
      const officers = plan.agencies.flatMap((a) => a.contacts.filter((c) => c.role === 'focal').map((c) => officerWorkflowId(c.email)));
      const entities: [kind: string, id: string][] = [
        ...[...new Set(leadersEver(plan).map((l) => leaderWorkflowId(l.email)))].map((id): [string, string] => ['leader', id]),
        ...[...new Set(officers)].map((id): [string, string] => ['officer', id]),
      ];
      for (const [kind, id] of entities) {
        const handle = client.workflow.getHandle(id);
        const last = await handle.fetchHistory().catch(() => null);
        const first = last?.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
        let leaderRun: string | undefined = first ?? undefined;
        for (let i = 1; leaderRun; i++) leaderRun = await save(client, id, leaderRun, `${r.plan}--${kind}-run${i}`);
      }
      for (const c of cycles) {
        await save(client, cycleWorkflowId(plan.id, c.period), undefined, `${r.plan}--cycle-${safe(c.period)}`);
        for (const a of [...c.agencies.slice(0, 2), ...(c.standing ? [c.standing] : [])]) {
          await save(
            client,
            reportWorkflowId(plan.id, c.period, a.agencyId, a.role),
            undefined,
            `${r.plan}--report-${safe(c.period)}-${a.agencyId}${a.role === 'standing' ? '-tong-hop' : ''}`,
          );
        }
      }
    },
  }).catch((err) => {
    process.stderr.write(`${r.plan}: ${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}
