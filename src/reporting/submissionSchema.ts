/**
 * The submission payload's shape as a zod schema, for the edges (CLI, HTTP API, web form). Plan-specific
 * checks (which tasks and targets) follow in `submissionProblems`.
 */
import { z } from 'zod';
import { MAX_TEXT, TASK_STATUSES } from './submissionRules.js';

const text = z.string().max(MAX_TEXT).transform((s) => s.normalize('NFC'));

export const submissionSchema = z.object({
  period: z.string().min(1),
  tasks: z
    .array(
      z.object({
        taskId: z.string().min(1),
        status: z.enum(TASK_STATUSES as [string, ...string[]]),
        progress: z.number().min(0).max(100).optional(),
        result: text.default(''),
      }),
    )
    .default([]),
  targets: z.array(z.object({ targetId: z.string().min(1), value: z.number().finite(), note: text.optional() })).default([]),
  narrative: text.default(''),
  difficulties: text.default(''),
  recommendations: text.default(''),
  attachments: z
    .array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0), contentType: z.string() }))
    .default([]),
  submittedBy: z.object({ name: z.string().optional(), email: z.email().optional() }).optional(),
});
