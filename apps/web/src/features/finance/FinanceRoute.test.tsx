// @vitest-environment happy-dom
// 财务导出 against a mocked API: gz.finance's scope is GZ and below; the preview of the approved
// budget with nothing approved says so; on the latest basis the table shows each part of the
// subtree and the totals as UI.md formats money; a CSV download says what came and saves the
// file through a Blob link, named as the server named it.
import type { MockLink } from "@apollo/client/testing";
import { Outlet, Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ShellOutletContext } from "../../app/shell/cycle.js";
import { CYCLES_QUERY } from "../../app/shell/shell-documents.js";
import {
  buttonByText,
  click,
  render,
  setUpReactTests,
  unit,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
} from "../../testing/render.js";
import { EXPORT_PREVIEW_QUERY, FINANCE_UNITS_QUERY } from "./finance-documents.js";
import { exportScopeRoots, FinanceRoute } from "./FinanceRoute.js";

beforeAll(setUpReactTests);
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

const cycle = {
  __typename: "PlanCycle" as const,
  id: "cycle-1",
  code: "FY2027",
  year: 2027,
  nameZh: "2027年度营销方案",
  nameEn: "2027 plan",
  status: "OPEN" as const,
};
const shell: ShellOutletContext = { cycle, cycleParam: "2027" };
const hq = unit("HQ", "营销总部", "HQ", "HQ");
const gd = unit("GD", "广东", "Guangdong", "PROVINCE");
const gz = unit("GZ", "广州", "Guangzhou", "CITY");
const conghua = unit("CONGHUA", "从化", "Conghua", "COUNTY");
const financeOfGz = viewerOf("FINANCE", {
  roleAssignments: [{ role: "FINANCE", orgUnit: gz, orgUnitPath: [hq, gd, gz] }],
});

const cyclesMock: MockLink.MockedResponse = { request: { query: CYCLES_QUERY }, result: { data: { cycles: [cycle] } } };
const unitsMock: MockLink.MockedResponse = {
  request: { query: FINANCE_UNITS_QUERY, variables: { cycleId: "cycle-1", rootId: "id-GZ", search: null } },
  result: {
    data: {
      orgTree: {
        __typename: "OrgTreePage",
        totalCount: 2,
        nodes: [
          { __typename: "OrgTreeNode", id: "id-GZ", code: "GZ", nameZh: "广州", nameEn: "Guangzhou", level: "CITY", depth: 3 },
          {
            __typename: "OrgTreeNode",
            id: "id-CONGHUA",
            code: "CONGHUA",
            nameZh: "从化",
            nameEn: "Conghua",
            level: "COUNTY",
            depth: 4,
          },
        ],
      },
    },
  },
};
const columns = ["PERSONNEL", "OFFICE", "MEDIA", "CHANNEL", "PROMOTION"].map((code) => ({
  __typename: "ExportPreviewColumn",
  id: `cat-${code}`,
  code,
  nameZh: { PERSONNEL: "人力成本", OFFICE: "办公管理费用", MEDIA: "媒体投放", CHANNEL: "渠道费用", PROMOTION: "推广费用" }[code],
  nameEn: code.toLowerCase(),
}));
const previewMock = (basis: "APPROVED" | "LATEST", exported: number): MockLink.MockedResponse => ({
  request: {
    query: EXPORT_PREVIEW_QUERY,
    variables: { input: { cycle: "FY2027", unitCode: "GZ", kind: "BUDGET", basis } },
  },
  result: {
    data: {
      exportPreview: {
        __typename: "ExportPreview",
        kind: "BUDGET",
        basis,
        cycle: { __typename: "PlanCycleRef", id: "cycle-1", code: "FY2027" },
        unit: gz,
        columns,
        units: [
          {
            __typename: "ExportPreviewUnit",
            unit: gz,
            own: true,
            plans: 1,
            exportedPlans: exported > 0 ? 1 : 0,
            amounts: ["0.01", "0.00", "0.00", "0.00", "0.00"],
            total: "0.01",
          },
          {
            __typename: "ExportPreviewUnit",
            unit: conghua,
            own: false,
            plans: 1,
            exportedPlans: exported > 0 ? 1 : 0,
            amounts: ["1300.35", "0.00", "0.00", "15.55", "0.00"],
            total: "1315.90",
          },
        ],
        totals: exported > 0 ? ["1300.36", "0.00", "0.00", "15.55", "0.00"] : ["0.00", "0.00", "0.00", "0.00", "0.00"],
        grandTotal: exported > 0 ? "1315.91" : "0.00",
        plans: 2,
        exportedPlans: exported,
        rows: exported > 0 ? 69 : 1,
        missingCount: exported > 0 ? 0 : 2,
        missing: [],
      },
    },
  },
});

async function renderFinance(mocks: MockLink.MockedResponse[]) {
  return render({
    path: "/finance",
    routes: (
      <Route element={<Outlet context={shell} />}>
        <Route path="/finance" element={<FinanceRoute />} />
      </Route>
    ),
    mocks,
    viewer: financeOfGz,
  });
}

describe("FinanceRoute", () => {
  it("offers the viewer's export scope: the top of the subtrees where EXPORT_BUDGET is allowed", () => {
    expect(exportScopeRoots(financeOfGz).map((u) => u.code)).toEqual(["GZ"]);
    expect(exportScopeRoots(viewerOf("VIEWER"))).toEqual([]);
  });

  it("says so when nothing is approved yet, and shows the latest figures' totals when asked", async () => {
    const container = await renderFinance([cyclesMock, unitsMock, previewMock("APPROVED", 0), previewMock("LATEST", 2)]);
    await waitForSelector(container, '[data-testid="finance-empty"]');
    await waitForText(container, "所选范围内还没有已批准的计划");
    const latest = container.querySelector<HTMLInputElement>('input[name="basis"][value="LATEST"]');
    await click(latest);
    const total = await waitForSelector(container, '[data-testid="finance-grand-total-cell"]');
    await waitForText(total, "1,315.91");
    const rows = [...container.querySelectorAll('[data-testid="finance-preview"] tbody tr')].map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ["广州 (GZ)（本级）", "1 / 1", "0.01", "0.00", "0.00", "0.00", "0.00", "0.01"],
      ["从化 (CONGHUA)", "1 / 1", "1,300.35", "0.00", "0.00", "15.55", "0.00", "1,315.90"],
    ]);
    expect(container.querySelector('[data-testid="finance-summary"]')?.textContent).toContain("文件共 69 行");
  });

  it("downloads the CSV as a stream, says what came and saves it through a Blob link under the server's name", async () => {
    const body = "\uFEFF单位编码,合计\r\nGZ,0.01\r\n总计,1315.91\r\n";
    const fetchStub = vi.fn(
      async () =>
        new Response(body, {
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": "attachment; filename=\"budget.csv\"; filename*=UTF-8''budget-FY2027-GZ-latest.csv",
          },
        }),
    );
    vi.stubGlobal("fetch", fetchStub);
    const saved: string[] = [];
    const createObjectURL = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:finance");
    const revokeObjectURL = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const container = await renderFinance([cyclesMock, unitsMock, previewMock("APPROVED", 2)]);
    await waitForSelector(container, '[data-testid="finance-grand-total-cell"]');
    await click(buttonByText(container, "下载 CSV"));
    await waitForText(container, "已下载 budget-FY2027-GZ-latest.csv");
    expect(fetchStub).toHaveBeenCalledWith(
      "/exports/budget.csv?cycle=FY2027&unit=GZ&basis=APPROVED&locale=zh-CN",
      expect.objectContaining({ credentials: "same-origin" }),
    );
    expect(saved).toEqual(["budget-FY2027-GZ-latest.csv"]);
    expect(createObjectURL).toHaveBeenCalledOnce();
    for (const spy of [clickSpy, createObjectURL, revokeObjectURL]) spy.mockRestore();
  });
});
