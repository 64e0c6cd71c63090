/**
 * How every long-running entry point (`dondoc start`, `worker`, `web`) lives and dies:
 * - a start-up error prints its reason and exits 1 at once, closing what was already opened;
 * - SIGINT and SIGTERM close everything in reverse order of opening, then exit 0;
 * - a part that dies while running (the dev server, the worker) stops the whole process loudly (exit 1);
 * - a close that hangs does not keep the process alive: it exits after `forceAfterMs` anyway.
 */
export class Lifecycle {
  private readonly stops: { name: string; fn: () => Promise<unknown> | unknown }[] = [];
  private stopping: Promise<never> | null = null;
  private closing = false;

  constructor(
    readonly name: string,
    private readonly forceAfterMs = 10_000,
  ) {}

  get isStopping(): boolean {
    return this.stopping !== null || this.closing;
  }

  /** Registers what to close on the way out (closed last-registered first). */
  onStop(name: string, fn: () => Promise<unknown> | unknown): void {
    this.stops.push({ name, fn });
  }

  /** Closes everything and exits with `code`; a reason is printed on stderr. */
  shutdown(code: number, reason?: string): Promise<never> {
    if (this.stopping) return this.stopping;
    if (reason) process.stderr.write(`dondoc ${this.name}: ${reason}\n`);
    this.stopping = (async () => {
      const force = setTimeout(() => {
        process.stderr.write(`dondoc ${this.name}: not stopped after ${this.forceAfterMs / 1000} s; exiting anyway\n`);
        process.exit(code || 1);
      }, this.forceAfterMs);
      force.unref();
      await this.closeParts();
      process.exit(code);
    })();
    return this.stopping;
  }

  /** Closes every part, last opened first, without exiting (shutdown, and tests that run roles in process). */
  async closeParts(): Promise<void> {
    // A watched part ending now is being closed, not dying.
    this.closing = true;
    for (const s of this.stops.splice(0).reverse()) {
      try {
        await s.fn();
      } catch (err) {
        process.stderr.write(`dondoc ${this.name}: closing ${s.name}: ${(err as Error).message}\n`);
      }
    }
  }

  /** A part that must run as long as the process does: its end or failure ends the process. */
  watch(name: string, running: Promise<unknown>): void {
    running.then(
      () => void (this.isStopping || this.shutdown(1, `${name} stopped unexpectedly`)),
      (err: Error) => void (this.isStopping || this.shutdown(1, `${name} failed: ${err.message}`)),
    );
  }
}

/** Runs `start` under a Lifecycle with the signal handlers installed first. */
export async function runService(name: string, start: (life: Lifecycle) => Promise<void>): Promise<void> {
  const life = new Lifecycle(name);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void life.shutdown(0, `${signal}: stopping`));
  try {
    await start(life);
  } catch (err) {
    await life.shutdown(1, `cannot start: ${(err as Error).message}`);
  }
}
