/**
 * Runs a workflow to its end on the time-skipping test server, skipping time while it runs.
 *
 * The test environment's own `execute` unlocks time skipping and long-polls the history once. On a loaded
 * machine that long poll sometimes never answers although the workflow has completed (seen about one run
 * in three of a suite: the script's run showed COMPLETED while the test waited two minutes). So the result
 * is asked for in short polls, each with its own deadline, while time skipping stays unlocked around the
 * whole wait; the lock is taken back outside any deadline, so a late poll can never leave time running.
 */
import { Client, Connection, isGrpcCancelledError, isGrpcDeadlineError, ServiceError, WorkflowClient, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow, WorkflowResultType } from '@temporalio/common';

/** Real time one result poll may wait before it is asked again. Not a timeout of the run. */
const POLL_MS = 15_000;

export async function executeSkippingTime<T extends Workflow>(client: Client, workflow: T, options: WorkflowStartOptions<T>): Promise<WorkflowResultType<T>> {
  const connection = client.connection as Connection;
  const testService = connection.testService;
  if (!testService) throw new TypeError('executeSkippingTime needs a connection to the time-skipping test server');
  const handle = await client.workflow.start(workflow, options);
  // A plain workflow client: the test environment's would unlock and lock again on every poll.
  const plain = new WorkflowClient({ connection: client.connection, namespace: client.options.namespace });
  await testService.unlockTimeSkipping({});
  try {
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
  } finally {
    await testService.lockTimeSkipping({});
  }
}
