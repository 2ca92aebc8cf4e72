// @vitest-environment happy-dom
// The side-by-side diff of two versions: each changed value with its older and newer
// value and the change, in 元 as UI.md writes them (negative in red, an absent side as
// none); each changed section's older text beside the newer; nothing to show said so.
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { render, setUpReactTests, unmountAll, waitForSelector } from "../../testing/render.js";
import { VersionDiff, type VersionDiffData } from "./VersionDiff.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const NAMES: Record<string, string> = { "m-sales": "销售额", "m-profit": "毛利" };

const mount = (diff: VersionDiffData) =>
  render({
    path: "/",
    routes: <Route path="/" element={<VersionDiff diff={diff} nameOf={(id) => NAMES[id] ?? id} />} />,
  });

describe("VersionDiff", () => {
  it("shows every changed value with both versions and the change, and the changed text side by side", async () => {
    const container = await mount({
      from: { number: 1 },
      to: { number: 2 },
      cells: [
        {
          kind: "TARGET_BASE",
          metricId: "m-profit",
          month: 1,
          dimensionKey: "",
          before: "100.25",
          after: "120.25",
          delta: "20.00",
        },
        {
          kind: "TARGET_BASE",
          metricId: "m-sales",
          month: 3,
          dimensionKey: "",
          before: "1234567.8",
          after: null,
          delta: "-1234567.80",
        },
        {
          kind: "TARGET_STRETCH",
          metricId: "m-sales",
          month: 4,
          dimensionKey: "c:GROUP_BUY",
          before: null,
          after: "1.01",
          delta: "1.01",
        },
      ],
      sections: [{ code: "ENV_COMPETITION", before: "竞品降价。", after: "竞品降价 5%，我方跟进促销。" }],
    });
    await waitForSelector(container, '[data-testid="version-diff"]');
    const header = [...container.querySelectorAll("thead th")].map((cell) => cell.textContent);
    expect(header).toEqual(["单元格", "数值", "版本 1", "版本 2", "变化"]);
    const rows = [...container.querySelectorAll('[data-testid="diff-cell"]')].map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ["毛利 · 1月", "基本任务", "100.25", "120.25", "20.00"],
      ["销售额 · 3月", "基本任务", "1,234,567.80", "（无）", "-1,234,567.80"],
      ["销售额 · 4月 · c:GROUP_BUY", "力争目标", "（无）", "1.01", "1.01"],
    ]);
    const negative = container.querySelectorAll('[data-testid="diff-cell"]')[1]!.querySelector("td:last-child .amount--negative");
    expect(negative?.textContent).toBe("-1,234,567.80");
    const section = container.querySelector('[data-section="ENV_COMPETITION"]')!;
    expect([...section.querySelectorAll("pre")].map((side) => [side.getAttribute("aria-label"), side.textContent])).toEqual([
      ["版本 1", "竞品降价。"],
      ["版本 2", "竞品降价 5%，我方跟进促销。"],
    ]);
  });

  it("says when the two versions are the same", async () => {
    const container = await mount({ from: { number: 2 }, to: { number: 3 }, cells: [], sections: [] });
    expect((await waitForSelector(container, '[data-testid="diff-none"]')).textContent).toBe("两个版本没有差别。");
  });
});
