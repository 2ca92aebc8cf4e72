// The schema's abstract types (unions, interfaces) and their members, for
// Apollo's cache: without them it cannot tell which `... on Member` fragment
// of a union answer applies (saveTargetCells, updatePlanSection) and warns.
// test/possible-types.test.ts checks this table against the SDL files.
import type { PossibleTypesMap } from "@apollo/client";

export const POSSIBLE_TYPES: PossibleTypesMap = {
  ApplySplitResult: ["SplitApplied", "TargetCellsConflict"],
  PlanSectionResult: ["PlanSectionSaved", "PlanSectionConflict"],
  SaveExpenseCellsResult: ["ExpenseCellsSaved", "ExpenseCellsConflict"],
  SaveTargetCellsResult: ["TargetCellsSaved", "TargetCellsConflict"],
};
