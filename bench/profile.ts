/**
 * CPU profiles for the figures that miss their goal: an in-process profile (node:inspector) around a
 * measurement, or the `.cpuprofile` a worker process writes with --cpu-prof; and the functions with the
 * most self time in one, grouped by package, so the note can say what caps a figure.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of sampled time per package (node_modules/<pkg>, dondoc's own code, node internals, idle, GC). */
  byPackage: { name: string; pct: number }[];
  top: { fn: string; where: string; selfMs: number; pct: number }[];
}

export async function withCpuProfile<T>(dir: string, name: string, fn: () => Promise<T>): Promise<{ result: T; file: string }> {
  await mkdir(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    const result = await fn();
    return { result, file: join(dir, `${name}.cpuprofile`) };
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The newest .cpuprofile in a directory (what a worker started with --cpu-prof-dir left there). */
export async function newestProfile(dir: string): Promise<string | null> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.cpuprofile')).sort();
  return files.length ? join(dir, files.at(-1)!) : null;
}

const packageOf = (url: string, fn: string): string => {
  if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') return fn;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (!url || url.startsWith('node:')) return '(node internals)';
  return 'dondoc';
};

export async function summariseProfile(file: string, topN = 12): Promise<ProfileSummary> {
  const p = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const where = `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|workflows|activities|worker|bench)\//, '$1/')}:${f.lineNumber + 1}`;
    const key = `${f.functionName}@${where}`;
    const cur = fns.get(key) ?? { fn: f.functionName || '(anonymous)', where, us: 0 };
    cur.us += us;
    fns.set(key, cur);
    const pkg = packageOf(f.url, f.functionName);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((1000 * us) / Math.max(total, 1)) / 10;
  return {
    file,
    totalMs: Math.round(total / 1000),
    byPackage: [...pkgs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, us]) => ({ name, pct: pct(us) })),
    top: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((x) => ({ fn: x.fn, where: x.where, selfMs: Math.round(x.us / 1000), pct: pct(x.us) })),
  };
}
