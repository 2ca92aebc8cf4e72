// The plan workbench's Overview tab (概览), for the page's tab registry (load it lazily: its charts bring Recharts).
export { OverviewTab } from "./OverviewTab.js";
