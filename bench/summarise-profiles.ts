/** `node --import tsx bench/summarise-profiles.ts <dir>`: the summary of every .cpuprofile in a directory (a worker writes one per thread). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { summariseProfile } from './profile.js';

const dir = process.argv[2] ?? 'bench/results/profiles';
for (const f of (await readdir(dir)).filter((x) => x.endsWith('.cpuprofile')).sort()) {
  const s = await summariseProfile(join(dir, f), 8);
  console.log(`\n${f} (${s.totalMs} ms): ${s.byPackage.map((x) => `${x.name} ${x.pct}%`).join(', ')}`);
  for (const t of s.top) console.log(`  ${String(t.pct).padStart(5)}%  ${t.fn}  ${t.where}`);
}
