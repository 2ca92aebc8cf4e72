// Objections (异议): the list of a plan's (or its subtree's) objections with answer,
// escalate and withdraw, and the raise / answer dialogs.
export { ObjectionsList, OBJECTION_STATUS_KEY, type ObjectionsListProps } from "./ObjectionsList.js";
export { AnswerObjectionDialog, RaiseObjectionDialog, type MetricChoice } from "./ObjectionDialogs.js";
