/**
 * The submission payload's shape as a zod schema, for the edges (CLI, HTTP API, web form) and the
 * workflow validator. It lives with the other edge schemas (src/edge/schemas.ts); plan-specific checks
 * follow in `submissionProblems`.
 */
export { submissionSchema } from '../edge/schemas.js';
