// The workflow in the workbench: the planner's buttons (submit with the findings first,
// withdraw, resume), the Activity and Versions tabs.
export { WorkflowActions, type WorkflowActionsProps } from "./WorkflowActions.js";
export { SubmitDialog, type SubmitDialogProps } from "./SubmitDialog.js";
export { ActivityTab } from "./ActivityTab.js";
export { VersionsTab } from "./VersionsTab.js";
export { VersionDiff, type VersionDiffData } from "./VersionDiff.js";
