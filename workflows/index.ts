// The worker bundles this one file: every workflow is exported here.
export { agencyReportWorkflow } from './agencyReportWorkflow.js';
export { cycleWorkflow } from './cycleWorkflow.js';
export { planWorkflow } from './planWorkflow.js';
export { simulationScriptWorkflow } from './simulationScriptWorkflow.js';
export { leaderDigestWorkflow } from './leaderDigestWorkflow.js';
export { officerSummaryWorkflow } from './officerSummaryWorkflow.js';
