/**
 * Runs a workflow on the time-skipping test server up to an instant, skipping time to exactly there.
 *
 * The test environment's own `execute` unlocks time skipping until the client, having read the result,
 * locks it again. On a loaded machine that takes long enough for the server, idle and unlocked, to jump
 * days past the end (seen: six days, firing the next reminders), and a workflow task caught by the jump
 * can wedge the test server for good (a timer it cancels has fired meanwhile: sdk-java #2606, #3088).
 * Here the server itself advances to the instant and locks again in one call (`unlockTimeSkippingWithSleep`);
 * the result is then read with time locked, in short polls, so one lost long poll cannot hang the caller.
 */
import { Client, Connection, isGrpcCancelledError, isGrpcDeadlineError, ServiceError, WorkflowClient, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow, WorkflowResultType } from '@temporalio/common';
import { msToTs, tsToMs } from '@temporalio/common/lib/time.js';

/** Real time one result poll may wait before it is asked again. Not a timeout of the run. */
const POLL_MS = 15_000;
/** Real time after which a server clock that moves no faster than the wall is taken as stuck. */
const STALL_MS = 30_000;

/** `untilMs`: the instant on the test server's clock the workflow ends by (its last timer). */
export async function executeSkippingTime<T extends Workflow>(client: Client, workflow: T, options: WorkflowStartOptions<T>, untilMs: number): Promise<WorkflowResultType<T>> {
  const connection = client.connection as Connection;
  const testService = connection.testService;
  if (!testService) throw new TypeError('executeSkippingTime needs a connection to the time-skipping test server');
  const handle = await client.workflow.start(workflow, options);
  const serverNow = async () => tsToMs((await testService.getCurrentTime({})).time);
  const now = await serverNow();
  if (untilMs > now) {
    const sleep = testService.unlockTimeSkippingWithSleep({ duration: msToTs(untilMs - now) });
    let done = false;
    void sleep.then(
      () => (done = true),
      () => (done = true),
    );
    // Seen once in CI: the sleep's unlock left the server locked (a lock held inside the test server), so
    // its clock crept at the wall's pace with nothing running. If the clock has not gone faster than the
    // wall for a while, one more unlock lets it skip; the server refuses it when nothing was held.
    const wall0 = Date.now();
    const server0 = await serverNow();
    while (!done && Date.now() - wall0 < STALL_MS) await new Promise((r) => setTimeout(r, 1_000));
    if (!done && (await serverNow()) - server0 < 2 * (Date.now() - wall0)) await testService.unlockTimeSkipping({}).catch(() => undefined);
    await sleep;
  }
  // A plain workflow client: the test environment's would unlock time again while it waits.
  const plain = new WorkflowClient({ connection, namespace: client.options.namespace });
  for (;;) {
    const deadline = Date.now() + POLL_MS;
    try {
      return await connection.withDeadline(deadline, () => plain.result(handle.workflowId, handle.firstExecutionRunId) as Promise<WorkflowResultType<T>>);
    } catch (err) {
      // The client reports its own deadline as a cancelled call, wrapped in a ServiceError.
      const cause = err instanceof ServiceError ? err.cause : err;
      if (!(Date.now() >= deadline && (isGrpcDeadlineError(cause) || isGrpcCancelledError(cause)))) throw err;
    }
  }
}
