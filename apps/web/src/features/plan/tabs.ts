// The workbench's tabs, in the order they show: each registered with its
// address (app/paths.ts PlanTab), its label and its component, loaded when
// first opened (the grid and the charts stay out of the first page's
// JavaScript). A tab not registered here is not found. Every tab takes the
// plan's unit code and year; what else it needs it asks the API for.
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { MessageKey } from "../../app/i18n/messages.js";
import type { PlanTab } from "../../app/paths.js";

export interface PlanTabProps {
  readonly unitCode: string;
  readonly year: number;
}

export interface PlanTabEntry {
  readonly id: PlanTab;
  readonly label: MessageKey;
  readonly Component: LazyExoticComponent<ComponentType<PlanTabProps>>;
}

export const PLAN_TABS: readonly PlanTabEntry[] = [
  {
    id: "overview",
    label: "workbench.tab.overview",
    Component: lazy(async () => ({ default: (await import("./overview/OverviewTab.js")).OverviewTab })),
  },
  {
    id: "targets",
    label: "workbench.tab.targets",
    Component: lazy(async () => ({ default: (await import("./targets/TargetsTab.js")).TargetsTab })),
  },
  {
    id: "expenses",
    label: "workbench.tab.expenses",
    Component: lazy(async () => ({ default: (await import("../expenses/ExpensesTab.js")).ExpensesTab })),
  },
  {
    id: "document",
    label: "workbench.tab.document",
    Component: lazy(async () => ({ default: (await import("./document/DocumentTab.js")).DocumentTab })),
  },
  {
    id: "comments",
    label: "workbench.tab.comments",
    Component: lazy(async () => ({ default: (await import("../comments/CommentsTab.js")).CommentsTab })),
  },
  {
    id: "activity",
    label: "workbench.tab.activity",
    Component: lazy(async () => ({ default: (await import("../workflow/ActivityTab.js")).ActivityTab })),
  },
  {
    id: "versions",
    label: "workbench.tab.versions",
    Component: lazy(async () => ({ default: (await import("../workflow/VersionsTab.js")).VersionsTab })),
  },
];

/** The tab an address names (the first one when it names none), or null when no such tab is registered. */
export function findPlanTab(tab: string | undefined, tabs: readonly PlanTabEntry[] = PLAN_TABS): PlanTabEntry | null {
  if (tab === undefined) return tabs[0] ?? null;
  return tabs.find((entry) => entry.id === tab) ?? null;
}
