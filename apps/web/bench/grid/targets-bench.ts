// Mounts TargetsGrid (with the app's i18n provider and its draft hook) on the
// bench plan and times its first render and two interactions.
import { createElement, type ReactNode } from "react";
import { I18nProvider } from "../../src/app/i18n/I18nProvider.js";
import { TargetsGrid, useGridDraft, type HistoryView } from "../../src/features/plan/grid/index.js";
import { measureRender } from "./measure.js";
import { benchPlan } from "./targets-data.js";

const METRIC = { id: "sales", scale: 2, aggregation: "SUM" } as const;
const BAND = { minGrowth: "0", maxGrowth: "0.30" };

export function createTargetsGridBench(view: HistoryView): void {
  const plan = benchPlan();

  function Page(): ReactNode {
    const { draft, apply } = useGridDraft(plan.cells, METRIC.scale);
    return createElement(TargetsGrid, {
      metric: METRIC,
      lines: plan.lines,
      cells: plan.cells,
      history: plan.history,
      draft,
      onChange: apply,
      variant: "BASE",
      band: BAND,
      defaultHistoryView: view,
      height: 640,
    });
  }

  const cell = (root: HTMLElement, row: number, col: number) =>
    root.querySelector<HTMLElement>(`[data-cell][data-row="${row}"][data-col="${col}"]`);
  const grid = (root: HTMLElement) => root.querySelector<HTMLElement>('[role="grid"]')!;
  const firstLineJanuary = (root: HTMLElement) =>
    root.querySelector('[data-line="line-0"] [data-column="MONTH1:TARGET"] .tg__value')?.textContent ?? "";
  let before = "";

  measureRender(createElement(I18nProvider, null, createElement(Page)), (root) => (cell(root, 1, 0)?.textContent ?? "") !== "", [
    {
      name: "typeDigit",
      prepare: (root) => {
        before = firstLineJanuary(root);
        cell(root, 1, 0)!.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1 }));
        window.dispatchEvent(new MouseEvent("mouseup"));
      },
      run: (root) => grid(root).dispatchEvent(new KeyboardEvent("keydown", { key: "7", bubbles: true, cancelable: true })),
      // The editor shows "7" and the line's January subtotal already counts it.
      done: (root) => root.querySelector<HTMLInputElement>(".tg__editor")?.value === "7" && firstLineJanuary(root) !== before,
    },
    {
      // 3 × 4 (Jan–Apr of three rows) in the YEAR view; 3 × 1 (January) where history columns sit between the months.
      name: view === "YEAR" ? "paste3x4" : "paste3x1",
      prepare: (root) =>
        root
          .querySelector<HTMLInputElement>(".tg__editor")!
          .dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true })),
      run: (root) => {
        const clipboardData = new DataTransfer();
        const block =
          view === "YEAR"
            ? "1,234.50\t2,000\t(300.25)\t¥4,000.00\r\n500\t600.5\t700\t800\r\n0\t-1.00\t1,000,000\t12.34\r\n"
            : "1,234.50\r\n500\r\n12.34\r\n";
        clipboardData.setData("text/plain", block);
        grid(root).dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
      },
      done: (root) => cell(root, 3, view === "YEAR" ? 3 : 0)?.querySelector(".tg__value")?.textContent === "12.34",
    },
  ]);
}
