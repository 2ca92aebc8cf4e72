// The input of the plan checks: one plan as the checks see it, already loaded.
// Everything is plain data so the server, the web preview and the bench can
// all build it.
import type { CellDimensions } from "../cell-key.js";
import type { ExpenseCategoryCode } from "../expense-tree.js";
import type { ExpenseCaps, ExpenseFigures, ExpenseLine } from "../expense.js";
import type { Fixed, Money } from "../fixed.js";
import type { MetricDefinition } from "../metrics.js";
import type { OrgLevel } from "../org.js";
import type { Month } from "../periods.js";

/** One target value: metric × month × optional dimensions, with 基本任务 and optional 力争. */
export interface TargetCell extends CellDimensions {
  /** The stored cell's id, passed through to findings so the UI can link to it. */
  readonly id?: string;
  readonly metricCode: string;
  readonly month: Month;
  readonly base: Fixed;
  readonly stretch?: Fixed;
}

/** One actual of a past year; month absent when only the year figure is known. */
export interface HistoryValue extends CellDimensions {
  readonly metricCode: string;
  readonly month?: Month;
  readonly value: Fixed;
}

export interface HistoryYear {
  readonly year: number;
  readonly actuals: readonly HistoryValue[];
  /** The unit's actual spending that year (all categories). */
  readonly expenseTotal?: Money;
}

/** Which targets a text section argues for: a whole metric, or one product spec of it. */
export interface SectionLink {
  readonly metricCode: string;
  readonly productSpecId?: string;
}

export interface PlanSection {
  readonly code: string;
  /** Required by the cycle's template. */
  readonly required: boolean;
  readonly text: string;
  readonly explains: readonly SectionLink[];
}

/** A child unit's plan as its parent sees it: year totals per metric, and its spending. */
export interface ChildSummary {
  readonly unitId: string;
  readonly totals: readonly { readonly metricCode: string; readonly value: Fixed }[];
  readonly expenseTotal?: Money;
}

/** What the unit is asked to carry: its parent's split, or HQ's guidance figure (指导目标). */
export interface NeedValue {
  readonly metricCode: string;
  readonly value: Fixed;
  readonly source: "PARENT" | "HQ_GUIDANCE";
}

/**
 * An objection still open. FROM_CHILD: a child finds its split too heavy and
 * waits for this unit's answer. TO_PARENT: this unit objected upward.
 */
export interface OpenObjection {
  readonly id: string;
  readonly direction: "FROM_CHILD" | "TO_PARENT";
  readonly unitId: string;
  readonly metricCode?: string;
}

export interface TerminalInfo {
  readonly terminalId: string;
  /** "A", "B", "C" …; classes are configurable per company. */
  readonly terminalClass: string;
  readonly core?: boolean;
}

/** A control total typed or imported by the planner (a spreadsheet 合计 row) that the cells must add up to. */
export interface DeclaredTotal {
  readonly metricCode: string;
  readonly month?: Month;
  readonly productSpecId?: string;
  readonly value: Fixed;
}

/**
 * One plan. A unit's figures are its own cells plus its children's totals: a
 * county holds all its cells itself; a city holds only its city-level items
 * (special channels, group-buy) and gets the rest from `children`. History is
 * the whole unit's (subtree) actuals.
 */
export interface PlanSnapshot {
  readonly unitId: string;
  readonly level: OrgLevel;
  /** The plan year; Y-1 and Y-2 are read from `history`. */
  readonly year: number;
  /** The cycle's metric list; the standard metrics when absent. */
  readonly metrics?: readonly MetricDefinition[];
  readonly targets: readonly TargetCell[];
  readonly expenses: readonly ExpenseLine[];
  readonly expenseCaps?: ExpenseCaps;
  readonly history: readonly HistoryYear[];
  readonly sections: readonly PlanSection[];
  readonly children: readonly ChildSummary[];
  readonly need?: readonly NeedValue[];
  readonly openObjections: readonly OpenObjection[];
  /** The unit's terminals (counties); empty above county level. */
  readonly terminals: readonly TerminalInfo[];
  /** Sibling units' planned figures, for the expense-ratio comparison. */
  readonly siblings: readonly (ExpenseFigures & { readonly unitId: string })[];
  readonly declaredTotals?: readonly DeclaredTotal[];
}

export type Severity = "BLOCK" | "WARN";
export type Symptom = 1 | 2 | 3 | 4;

/** Where a finding points in the plan, for the UI to link to. */
export type CellRef =
  | ({
      readonly kind: "TARGET";
      readonly metricCode: string;
      readonly month?: Month;
      readonly cellId?: string;
    } & CellDimensions)
  | { readonly kind: "EXPENSE"; readonly categoryCode?: ExpenseCategoryCode; readonly itemCode?: string }
  | { readonly kind: "SECTION"; readonly sectionCode: string }
  | { readonly kind: "CHILD"; readonly unitId: string; readonly metricCode?: string }
  | { readonly kind: "OBJECTION"; readonly objectionId: string }
  | { readonly kind: "TERMINAL"; readonly terminalId: string }
  | { readonly kind: "HISTORY"; readonly year: number };

export type FindingParams = Readonly<Record<string, string | number>>;
