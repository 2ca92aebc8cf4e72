// @vitest-environment happy-dom
// The targets grid in a DOM: paste from Excel and WPS, refused pastes, hold,
// undo/redo, the keyboard, copy, read-only. The page around it is a small
// harness that keeps the draft with useGridDraft, as the workbench will.
// Fixture (testing.ts), display rows: 0 白酒 subtotal, 1 A, 2 B, 3 C, 4 啤酒 subtotal, 5 D;
// columns (YEAR view): 0–11 Jan–Dec, 12–15 Q1–Q4, 16–17 H1–H2, 18 year, 19 Y-1, 20 Y-2, 21 growth.
import { act, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../../app/i18n/I18nProvider.js";
import type { EditBatch } from "./edit-batch.js";
import type { TargetVariant } from "./model.js";
import { TargetsGrid, type TargetsGridProps } from "./TargetsGrid.js";
import { useGridDraft } from "./use-grid-draft.js";
import { A, B, BAND, C, CELLS, D, HISTORY, LINES, SALES } from "./testing.js";

const mounted: Root[] = [];
const sizeDescriptors = ["clientWidth", "clientHeight"].map(
  (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
);

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // happy-dom lays nothing out: give the scrolling area a size so that the
  // virtualised grid renders every row and column of the small fixture.
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 3000 });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
});

afterAll(() => {
  for (const [name, descriptor] of sizeDescriptors) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

type HarnessProps = Partial<TargetsGridProps> & { readonly batches: EditBatch[] };

function Harness({ batches, ...props }: HarnessProps) {
  const { draft, apply } = useGridDraft(CELLS, SALES.scale);
  const [variant, setVariant] = useState<TargetVariant>("BASE");
  return (
    <TargetsGrid
      metric={SALES}
      lines={LINES}
      cells={CELLS}
      history={HISTORY}
      draft={draft}
      band={BAND}
      variant={variant}
      onVariantChange={setVariant}
      onChange={(batch) => {
        batches.push(batch);
        apply(batch);
      }}
      {...props}
    />
  );
}

interface Mounted {
  readonly container: HTMLElement;
  readonly batches: EditBatch[];
}

async function mount(props: Partial<TargetsGridProps> = {}): Promise<Mounted> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const batches: EditBatch[] = [];
  await act(async () => {
    root.render(
      <I18nProvider>
        <Harness batches={batches} {...props} />
      </I18nProvider>,
    );
  });
  // The virtualiser measures the scroller after the first render.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return { container, batches };
}

const gridOf = (container: HTMLElement) => container.querySelector<HTMLElement>('[role="grid"]')!;

/** The displayed text of a cell: by row key, line id or "ALL", and column id. */
function shown(container: HTMLElement, row: string, column: string): string {
  const rowSelector =
    row === "ALL"
      ? '[data-testid="grid-all-row"]'
      : LINES.some((l) => l.id === row)
        ? `[data-line="${row}"]`
        : `[data-row-key="${row}"]`;
  const cell = container.querySelector(`${rowSelector} [data-column="${column}"]`);
  if (!cell) throw new Error(`no cell ${row} ${column}`);
  return cell.querySelector(".tg__value")?.textContent ?? "";
}

const cellAt = (container: HTMLElement, row: number, col: number) =>
  container.querySelector<HTMLElement>(`[data-cell][data-row="${row}"][data-col="${col}"]`)!;

async function press(container: HTMLElement, key: string, modifiers: KeyboardEventInit = {}) {
  const target = (document.activeElement as HTMLElement | null) ?? gridOf(container);
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...modifiers }));
  });
}

async function click(container: HTMLElement, row: number, col: number, modifiers: MouseEventInit = {}) {
  const cell = cellAt(container, row, col);
  await act(async () => {
    cell.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1, ...modifiers }));
    window.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
}

async function paste(container: HTMLElement, text: string) {
  const clipboardData = new DataTransfer();
  clipboardData.setData("text/plain", text);
  await act(async () => {
    gridOf(container).dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  });
}

function copy(container: HTMLElement): string {
  const clipboardData = new DataTransfer();
  act(() => {
    gridOf(container).dispatchEvent(new ClipboardEvent("copy", { clipboardData, bubbles: true, cancelable: true }));
  });
  return clipboardData.getData("text/plain");
}

/** Types into the open editor as a user would (React sees an input event). */
async function typeInEditor(container: HTMLElement, text: string) {
  const input = container.querySelector<HTMLInputElement>(".tg__editor");
  if (!input) throw new Error("no editor open");
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

const alertText = (container: HTMLElement) => container.querySelector('[role="alert"]')?.textContent ?? "";
const statusText = (container: HTMLElement) => container.querySelector('[role="status"]')?.textContent ?? "";
const selectedCount = (container: HTMLElement) => container.querySelectorAll('[data-cell][aria-selected="true"]').length;
const activeCell = (container: HTMLElement) => {
  const cell = container.querySelector(".tg__cell.is-active");
  return cell ? [Number(cell.getAttribute("data-row")), Number(cell.getAttribute("data-col"))] : null;
};
const changedCount = (container: HTMLElement) => container.querySelectorAll(".tg__cell.is-changed").length;

const EXCEL_BLOCK = "1,234.50\t2,000\t(300.25)\t¥4,000.00\r\n500\t600.5\t700\t800\r\n0\t-1.00\t1,000,000\t12.34\r\n";
const WPS_BLOCK = "１，２３４．５０\t１．５万\t￥２，０００\t（３００）\n０．０１\t３万元\t１２\t－５\n１０\t２０\t３０\t４０\n";

describe("TargetsGrid", () => {
  it("shows targets, totals and last years' figures with their marks", async () => {
    const { container } = await mount();
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("1,000.00");
    expect(shown(container, A.key, "YEAR1:TARGET")).toBe("3,000.50");
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("1,700.00");
    expect(shown(container, "ALL", "MONTH1:TARGET")).toBe("1,800.00");
    expect(shown(container, "ALL", "YEAR1:TARGET")).toBe("3,830.50");
    // A's Y-1 includes November and December estimates: italic with the 预估 marker.
    const lastYear = container.querySelector(`[data-row-key="${A.key}"] [data-column="YEAR1:LAST_YEAR"]`)!;
    expect(lastYear.querySelector(".tg__value")?.textContent).toBe("2,490.00");
    expect(lastYear.className).toContain("is-estimated");
    expect(lastYear.querySelector(".tg__estimate")?.textContent).toBe("预估");
    expect(shown(container, A.key, "YEAR1:GROWTH")).toBe("20.5%");
    // −20.00 in red; B Dec held with its lock; B Jan below last year, A Feb above the band.
    const march = container.querySelector('[data-testid="grid-all-row"] [data-column="MONTH3:TARGET"]')!;
    expect(march.className).toContain("is-negative");
    expect(cellAt(container, 2, 11).querySelector('svg[aria-label="已锁定"]')).not.toBeNull();
    expect(cellAt(container, 2, 0).className).toContain("is-below-band");
    expect(cellAt(container, 1, 1).className).toContain("is-above-band");
    expect(cellAt(container, 1, 1).getAttribute("title")).toBe("超出增长区间上限");
  });

  it("pastes a 3×4 block copied from Excel as one batch, and the totals follow", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0); // A, January
    await paste(container, EXCEL_BLOCK);

    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch?.kind).toBe("PASTE");
    expect(batch?.metricId).toBe(SALES.id);
    expect(batch?.variant).toBe("BASE");
    expect(batch?.edits).toHaveLength(12);
    expect(batch?.edits[0]).toMatchObject({
      rowKey: A.key,
      month: 1,
      dimensions: { productSpecId: "s1", channelId: "direct" },
      before: { value: "1000.00", isHeld: false },
      after: { value: "1234.50", isHeld: false },
      version: 1,
    });
    expect(batch?.edits.map((e) => e.after.value)).toEqual([
      ...["1234.50", "2000.00", "-300.25", "4000.00"],
      ...["500.00", "600.50", "700.00", "800.00"],
      ...["0.00", "-1.00", "1000000.00", "12.34"],
    ]);

    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("1,234.50");
    expect(shown(container, C.key, "MONTH3:TARGET")).toBe("1,000,000.00");
    // A: Q1 1,234.50 + 2,000.00 − 300.25 = 2,934.25; year + April 4,000.00 = 6,934.25
    expect(shown(container, A.key, "QUARTER1:TARGET")).toBe("2,934.25");
    expect(shown(container, A.key, "YEAR1:TARGET")).toBe("6,934.25");
    // 白酒 Jan 1,234.50 + 500.00 + 0.00 = 1,734.50; all specs + D's 100.00 = 1,834.50
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("1,734.50");
    expect(shown(container, "ALL", "MONTH1:TARGET")).toBe("1,834.50");
    // 白酒 year: A 6,934.25 + B (2,600.50 + Dec 50.00) + C 1,000,011.34 = 1,009,596.09; all + D 80.00
    expect(shown(container, "baijiu", "YEAR1:TARGET")).toBe("1,009,596.09");
    expect(shown(container, "ALL", "YEAR1:TARGET")).toBe("1,009,676.09");

    expect(changedCount(container)).toBe(12);
    expect(selectedCount(container)).toBe(12);
    expect(statusText(container)).toBe("已粘贴 12 个单元格。");
  });

  it("pastes WPS text with full-width digits, 万 and ￥", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0);
    await paste(container, WPS_BLOCK);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.edits.map((e) => e.after.value)).toEqual([
      ...["1234.50", "15000.00", "2000.00", "-300.00"],
      ...["0.01", "30000.00", "12.00", "-5.00"],
      ...["10.00", "20.00", "30.00", "40.00"],
    ]);
    // 白酒 Feb 15,000.00 + 30,000.00 + 20.00 = 45,020.00; A Q1 1,234.50 + 15,000.00 + 2,000.00 = 18,234.50
    expect(shown(container, "baijiu", "MONTH2:TARGET")).toBe("45,020.00");
    expect(shown(container, A.key, "QUARTER1:TARGET")).toBe("18,234.50");
    expect(shown(container, B.key, "MONTH4:TARGET")).toBe("-5.00");
    expect(cellAt(container, 2, 3).className).toContain("is-negative");
  });

  it("refuses a paste that overflows the grid, or lands on a total, or holds a non-number, and applies nothing", async () => {
    const { container, batches } = await mount();
    await click(container, 5, 0); // D, January: only one row below the block's first
    await paste(container, EXCEL_BLOCK);
    expect(alertText(container)).toBe("粘贴的内容有 3 行 × 4 列，从所选单元格起超出了表格范围，未作任何修改。");

    await click(container, 1, 11); // A, December: twelve columns from there reach past the growth column
    await paste(container, "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\r\n");
    expect(alertText(container)).toBe("粘贴的内容有 1 行 × 12 列，从所选单元格起超出了表格范围，未作任何修改。");

    await click(container, 0, 0); // 白酒 subtotal, January
    await paste(container, "5");
    expect(alertText(container)).toBe("白酒 小计 1月 是汇总数，不能直接修改，未作任何修改。");

    await click(container, 1, 0);
    await paste(container, "12\tabc\r\n");
    expect(alertText(container)).toBe("金樽500ml · 直营 2月：“abc”不是数字；未作任何修改。");

    await click(container, 3, 0); // C: the block's second row would be the 啤酒 subtotal
    await paste(container, "1\r\n2\r\n");
    expect(alertText(container)).toBe("啤酒 小计 1月 是汇总数，不能直接修改，未作任何修改。");

    expect(batches).toEqual([]);
    expect(changedCount(container)).toBe(0);
    expect(shown(container, D.key, "MONTH1:TARGET")).toBe("100.00");
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("1,000.00");
  });

  it("holds a cell: lock shown, then pasting, typing, clearing and filling over it are refused until it is released", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0);
    await press(container, "L", { ctrlKey: true, shiftKey: true });
    expect(batches.map((b) => b.kind)).toEqual(["HOLD"]);
    expect(batches[0]?.edits[0]).toMatchObject({
      before: { value: "1000.00", isHeld: false },
      after: { value: "1000.00", isHeld: true },
    });
    const held = cellAt(container, 1, 0);
    expect(held.querySelector('svg[aria-label="已锁定"]')).not.toBeNull();
    expect(held.className).toContain("is-changed");

    const refusal = "金樽500ml · 直营 1月 已锁定，请先解除锁定；未作任何修改。";
    await paste(container, "5");
    expect(alertText(container)).toBe(refusal);
    await press(container, "7");
    expect(container.querySelector(".tg__editor")).toBeNull();
    expect(alertText(container)).toBe(refusal);
    await press(container, "Delete");
    expect(alertText(container)).toBe(refusal);
    await press(container, "d", { ctrlKey: true }); // from the 白酒 subtotal above it
    expect(alertText(container)).toBe(refusal);
    expect(batches).toHaveLength(1);

    // Released with the toolbar button, the cell takes a paste again.
    await click(container, 1, 0);
    await act(async () => [...container.querySelectorAll("button")].find((b) => b.textContent === "锁定 / 解除锁定")!.click());
    expect(cellAt(container, 1, 0).querySelector("svg")).toBeNull();
    await paste(container, "5");
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("5.00");
    expect(batches.map((b) => b.kind)).toEqual(["HOLD", "HOLD", "PASTE"]);
  });

  it("undoes and redoes whole batches: a typed value, then a paste", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0);
    await press(container, "5");
    await typeInEditor(container, "500");
    await press(container, "Enter");
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("500.00");

    await click(container, 1, 0);
    await paste(container, EXCEL_BLOCK);
    expect(shown(container, C.key, "MONTH4:TARGET")).toBe("12.34");

    await press(container, "z", { ctrlKey: true }); // the paste, all twelve cells at once
    expect(batches.at(-1)?.kind).toBe("UNDO");
    expect(batches.at(-1)?.edits).toHaveLength(12);
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("500.00");
    expect(shown(container, A.key, "MONTH2:TARGET")).toBe("2,000.50");
    expect(shown(container, C.key, "MONTH4:TARGET")).toBe("");
    expect(changedCount(container)).toBe(1);

    await press(container, "z", { ctrlKey: true }); // the typed value
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("1,000.00");
    expect(changedCount(container)).toBe(0);
    await press(container, "z", { ctrlKey: true });
    expect(statusText(container)).toBe("没有可撤销的修改。");

    await press(container, "y", { ctrlKey: true });
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("500.00");
    await press(container, "y", { ctrlKey: true });
    expect(batches.at(-1)).toMatchObject({ kind: "REDO" });
    expect(shown(container, C.key, "MONTH4:TARGET")).toBe("12.34");
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("1,734.50");
    expect(batches.map((b) => b.kind)).toEqual(["EDIT", "PASTE", "UNDO", "UNDO", "REDO", "REDO"]);
  });

  it("moves with the arrows, Enter, Tab, Home and End, and selects with shift", async () => {
    const { container } = await mount();
    await click(container, 0, 0);
    await press(container, "ArrowDown");
    await press(container, "ArrowRight");
    await press(container, "ArrowRight");
    expect(activeCell(container)).toEqual([1, 2]);
    await press(container, "ArrowDown", { shiftKey: true });
    await press(container, "ArrowDown", { shiftKey: true });
    await press(container, "ArrowRight", { shiftKey: true });
    expect(selectedCount(container)).toBe(6); // A–C × March–April
    expect(activeCell(container)).toEqual([3, 3]);
    await press(container, "Enter");
    expect(activeCell(container)).toEqual([4, 3]);
    expect(selectedCount(container)).toBe(1);
    await press(container, "Tab");
    expect(activeCell(container)).toEqual([4, 4]);
    await press(container, "Tab", { shiftKey: true });
    await press(container, "Enter", { shiftKey: true });
    expect(activeCell(container)).toEqual([3, 3]);
    await press(container, "Home");
    expect(activeCell(container)).toEqual([3, 0]);
    await press(container, "End");
    expect(activeCell(container)).toEqual([3, 21]);
    await press(container, "ArrowUp", { ctrlKey: true });
    expect(activeCell(container)).toEqual([0, 21]);
  });

  it("types over a cell (totals follow as you type), edits with F2, cancels with Escape, refuses a non-number", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0);
    await press(container, "2");
    expect(container.querySelector<HTMLInputElement>(".tg__editor")?.value).toBe("2");
    await typeInEditor(container, "2.5万");
    // Not committed yet, the subtotal already counts it: 25,000.00 + 700.00
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("25,700.00");
    expect(batches).toEqual([]);
    await press(container, "Enter");
    expect(batches.map((b) => [b.kind, b.edits[0]?.after.value])).toEqual([["EDIT", "25000.00"]]);
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("25,000.00");
    expect(activeCell(container)).toEqual([2, 0]);

    await press(container, "9");
    await press(container, "Escape");
    expect(container.querySelector(".tg__editor")).toBeNull();
    expect(shown(container, B.key, "MONTH1:TARGET")).toBe("700.00");
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("25,700.00");

    await press(container, "ArrowUp");
    await press(container, "F2");
    expect(container.querySelector<HTMLInputElement>(".tg__editor")?.value).toBe("25000.00");
    await typeInEditor(container, "abc");
    await press(container, "Enter");
    expect(alertText(container)).toBe("金樽500ml · 直营 1月：“abc”不是数字；未作任何修改。");
    expect(container.querySelector(".tg__editor")).not.toBeNull();
    await press(container, "Escape");

    // Arrows commit a value typed over a cell; a double-click opens the editor too.
    await press(container, "ArrowRight");
    await press(container, "3");
    await press(container, "ArrowRight");
    expect(shown(container, A.key, "MONTH2:TARGET")).toBe("3.00");
    expect(activeCell(container)).toEqual([1, 2]);
    await act(async () => cellAt(container, 2, 0).dispatchEvent(new MouseEvent("dblclick", { bubbles: true })));
    expect(container.querySelector<HTMLInputElement>(".tg__editor")?.value).toBe("700.00");
    expect(batches).toHaveLength(2);
  });

  it("selects by dragging and copies the block as tab and newline text with exact values", async () => {
    const { container } = await mount();
    const a1 = cellAt(container, 1, 0);
    const b2 = cellAt(container, 2, 1);
    await act(async () => {
      a1.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1 }));
      b2.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, buttons: 1 }));
      window.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    });
    expect(selectedCount(container)).toBe(4);
    expect(copy(container)).toBe("1000.00\t2000.50\r\n700.00\t");
  });

  it("fills down with Ctrl+D and clears with Delete", async () => {
    const { container, batches } = await mount();
    await click(container, 1, 0);
    await click(container, 3, 1, { shiftKey: true });
    await press(container, "d", { ctrlKey: true });
    expect(shown(container, C.key, "MONTH1:TARGET")).toBe("1,000.00");
    expect(shown(container, B.key, "MONTH2:TARGET")).toBe("2,000.50");
    expect(statusText(container)).toBe("已填充 4 个单元格。");
    await press(container, "Delete");
    expect(shown(container, A.key, "MONTH1:TARGET")).toBe("");
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("");
    expect(batches.map((b) => [b.kind, b.edits.length])).toEqual([
      ["FILL", 4],
      ["CLEAR", 6],
    ]);
  });

  it("is read-only with a reason: shows it, refuses edits, still copies", async () => {
    const { container, batches } = await mount({ readOnly: { reason: "计划已提交，等待审核" } });
    expect(container.querySelector('[data-testid="grid-read-only"]')?.textContent).toBe("只读：计划已提交，等待审核");
    await click(container, 1, 0);
    await paste(container, "5");
    expect(alertText(container)).toBe("只读：计划已提交，等待审核");
    await press(container, "5");
    expect(container.querySelector(".tg__editor")).toBeNull();
    expect(batches).toEqual([]);
    expect([...container.querySelectorAll<HTMLButtonElement>(".tg__actions button")].every((b) => b.disabled)).toBe(true);
    expect(copy(container)).toBe("1000.00");
  });

  it("collapses a product line, shows every period's history on request, and switches base and stretch", async () => {
    const { container } = await mount();
    const toggle = container.querySelector<HTMLButtonElement>('[aria-label="折叠 白酒"]')!;
    await act(async () => toggle.click());
    expect(container.querySelector(`[data-row-key="${A.key}"]`)).toBeNull();
    expect(shown(container, "baijiu", "MONTH1:TARGET")).toBe("1,700.00");
    await click(container, 0, 0);
    await press(container, " ");
    expect(container.querySelector(`[data-row-key="${A.key}"]`)).not.toBeNull();

    await act(async () => container.querySelector<HTMLInputElement>(".tg__history-toggle input")!.click());
    expect(shown(container, A.key, "MONTH1:LAST_YEAR")).toBe("800.00");
    expect(shown(container, A.key, "MONTH1:YEAR_BEFORE")).toBe("640.00");
    expect(shown(container, A.key, "MONTH1:GROWTH")).toBe("25.0%");
    // December's Y-1 is column 45 of 76, beyond the first screen: scroll there.
    const scroller = gridOf(container);
    await act(async () => {
      scroller.scrollLeft = 4600;
      scroller.dispatchEvent(new Event("scroll"));
    });
    const december = container.querySelector(`[data-row-key="${A.key}"] [data-column="MONTH12:LAST_YEAR"]`)!;
    expect(december.className).toContain("is-estimated");
    expect(december.textContent).toBe("90.00预估");

    const stretch = [...container.querySelectorAll("button")].find((b) => b.textContent === "力争目标")!;
    await act(async () => stretch.click());
    expect(stretch.getAttribute("aria-pressed")).toBe("true");
  });
});
