// @vitest-environment happy-dom
// 计划周期 against a mocked API: the forbidden page for anyone but an HQ administrator; the
// cycles with status and progress; opening a cycle sends the form's input and says how many
// plans were created; the managed cycle offers only the status steps the domain allows and
// asks once before taking one; its template sections with what can be removed.
import type { MockLink } from "@apollo/client/testing";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  click,
  fieldByLabel,
  render,
  setUpReactTests,
  typeInto,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
} from "../../testing/render.js";
import {
  CYCLES_ADMIN_QUERY,
  OPEN_CYCLE_MUTATION,
  PROVINCES_GUIDANCE_QUERY,
  SET_CYCLE_STATUS_MUTATION,
} from "./cycles-documents.js";
import { CyclesRoute } from "./CyclesRoute.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const section = (code: string, titleZh: string, plansWithText: number, sortOrder: number) => ({
  __typename: "CycleTemplateSection",
  code,
  part: "ENVIRONMENT",
  titleZh,
  titleEn: code,
  guidanceZh: null,
  guidanceEn: null,
  required: false,
  sortOrder,
  plansWithText,
});
const cycle = (status: string) => ({
  __typename: "PlanCycle",
  id: "c-2028",
  code: "FY2028",
  year: 2028,
  nameZh: "2028年度营销方案",
  nameEn: "2028 plan",
  status,
  opensOn: "2027-11-15",
  closesOn: "2028-01-10",
  deadlines: [{ __typename: "CycleDeadline", level: "COUNTY", dueOn: "2027-12-10" }],
  settings: {
    __typename: "CycleSettings",
    growthBandMin: "0",
    growthBandMax: "0.3",
    implausibleFactor: "3",
    minTerminalRank: 2,
    checkConfig: "{}",
  },
  templateSections: [section("ENV_ECONOMY", "客观经济环境", 3, 1), section("ENV_CULTURE", "人文环境", 0, 2)],
  progress: [
    { __typename: "CycleProgress", level: "CITY", status: "DRAFT", plans: 21, stale: 0 },
    { __typename: "CycleProgress", level: "COUNTY", status: "SUBMITTED", plans: 120, stale: 0 },
  ],
});
const cyclesMock = (status: string): MockLink.MockedResponse => ({
  request: { query: CYCLES_ADMIN_QUERY },
  result: { data: { cycles: [cycle(status)] } },
});
const provincesMock: MockLink.MockedResponse = {
  request: { query: PROVINCES_GUIDANCE_QUERY, variables: { unitCode: "HQ", year: 2028 } },
  result: {
    data: {
      reviewBoard: {
        __typename: "ReviewBoard",
        id: "board-HQ",
        reconciliation: [{ __typename: "ReviewReconciliation", metricId: "m-sales", metricCode: "SALES_REVENUE" }],
        children: [
          {
            __typename: "ReviewRow",
            unit: { __typename: "ReviewUnit", id: "id-GD", code: "GD", nameZh: "广东省区", nameEn: "Guangdong" },
            sales: "1234567.80",
            salesGuidance: "1500000.00",
          },
        ],
      },
    },
  },
};

const page = (mocks: MockLink.MockedResponse[], path = "/cycles", role = "HQ_ADMIN") =>
  render({ path, routes: <Route path="/cycles" element={<CyclesRoute />} />, mocks, viewer: viewerOf(role) });

const cells = (element: Element) => [...element.querySelectorAll("th, td")].map((cell) => cell.textContent);

describe("CyclesRoute", () => {
  it("is the forbidden page for anyone but an HQ administrator", async () => {
    const container = await page([], "/cycles", "PLANNER");
    await waitForText(container, "无权");
  });

  it("lists the cycles and opens a new one with the form's input", async () => {
    let sent: unknown = null;
    const openMock: MockLink.MockedResponse = {
      request: {
        query: OPEN_CYCLE_MUTATION,
        variables: (variables) => {
          sent = variables;
          return true;
        },
      },
      result: {
        data: {
          openCycle: {
            __typename: "OpenCyclePayload",
            plansCreated: 142,
            cycle: { __typename: "PlanCycle", id: "c-2029", code: "FY2029" },
          },
        },
      },
    };
    const container = await page([cyclesMock("OPEN"), openMock, cyclesMock("OPEN"), cyclesMock("OPEN")]);
    const row = await waitForSelector(container, '[data-testid="cycle-row"][data-code="FY2028"]');
    expect(cells(row).slice(0, 5)).toEqual(["FY2028", "2028年度营销方案", "进行中", "2027年11月15日 至 2028年1月10日", "141 份"]);
    await typeInto(fieldByLabel(container, "编码"), "FY2029");
    await typeInto(fieldByLabel(container, "年度"), "2029");
    await typeInto(fieldByLabel(container, "开始日期"), "2028-11-15");
    await typeInto(fieldByLabel(container, "结束日期"), "2029-01-10");
    await click(buttonByText(container, "开启周期"));
    await waitForText(container, "已开启 FY2029：为 142 个单位建立了草稿方案。");
    expect(sent).toMatchObject({
      input: { code: "FY2029", year: 2029, opensOn: "2028-11-15", closesOn: "2029-01-10", template: "STANDARD" },
    });
  });

  it("offers the domain's status steps, asks once, and shows the template with what can be removed", async () => {
    let stepped = false;
    const statusMock: MockLink.MockedResponse = {
      request: { query: SET_CYCLE_STATUS_MUTATION, variables: { input: { cycleId: "c-2028", status: "APPROVED" } } },
      result: () => {
        stepped = true;
        return {
          data: {
            setCycleStatus: { __typename: "CyclePayload", cycle: { __typename: "PlanCycle", id: "c-2028", status: "APPROVED" } },
          },
        };
      },
    };
    const container = await page(
      [cyclesMock("CONSOLIDATING"), provincesMock, statusMock, cyclesMock("APPROVED"), provincesMock],
      "/cycles?manage=FY2028",
    );
    await waitForSelector(container, '[data-testid="template-section"]');
    // CONSOLIDATING goes back to OPEN or on to APPROVED; the template is locked.
    expect(buttonByText(container, "改为「进行中」")).toBeTruthy();
    await waitForText(container, "模板只能在准备中或进行中修改。");
    const economy = container.querySelector('[data-testid="template-section"][data-code="ENV_ECONOMY"]')!;
    expect(cells(economy).slice(0, 4)).toEqual(["ENV_ECONOMY", "客观经济环境", "否", "3"]);
    const province = await waitForSelector(container, '[data-testid="province-guidance"][data-unit="GD"]');
    expect(cells(province)[1]).toBe("1,234,567.80");
    expect(province.querySelector("input")?.value).toBe("1,500,000.00");

    await click(buttonByText(container, "改为「已通过」"));
    const dialog = await waitForSelector(container.ownerDocument, "dialog");
    expect(dialog.textContent).toContain("周期状态将由「总部汇总」改为「已通过」。");
    expect(stepped).toBe(false);
    await click([...dialog.querySelectorAll("button")].find((button) => button.textContent === "改为「已通过」"));
    await waitForText(container, "已保存。");
    expect(stepped).toBe(true);
  });
});
