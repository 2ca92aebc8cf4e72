// The maintained roll-up of target figures and the cell write that keeps it true.
export * from "./summary-lines.js";
export * from "./target-summary.js";
export * from "./save-target-cells.js";
