// @pyramid/domain: the planning rules, pure TypeScript (no I/O).
export * from "./fixed.js";
export * from "./metrics.js";
export * from "./periods.js";
export * from "./org.js";
export * from "./expense-tree.js";
export * from "./rollup.js";
export * from "./cell-key.js";
export * from "./expense.js";
export * from "./workflow.js";
export * from "./split.js";
export * from "./reconcile.js";
export * from "./growth.js";
export * from "./variance.js";
export * from "./checks/types.js";
export * from "./checks/registry.js";
export * from "./checks/run.js";
export * from "./plan-template.js";
