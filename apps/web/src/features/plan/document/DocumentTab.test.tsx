// @vitest-environment happy-dom
// The Document tab against a mocked API: the three parts and their sections;
// saving a section with the version it was read at; a conflict resolved by
// keeping mine (resent with the new version) or taking theirs; a method
// section's links picked from the catalogue and saved; read-only plans; and
// the guard on unsaved text.
import { GraphQLError } from "graphql";
import { act } from "react";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { MockLink } from "@apollo/client/testing";
import {
  buttonByText,
  choose,
  click,
  render,
  setUpReactTests,
  unmountAll,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../../testing/render.js";
import { CATALOGUE } from "../overview/testing.js";
import { DocumentTab } from "./DocumentTab.js";
import { PLAN_DOCUMENT_QUERY, SET_PLAN_SECTION_LINKS_MUTATION, UPDATE_PLAN_SECTION_MUTATION } from "./document-documents.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const PLAN_ID = "plan-1";

function section(
  code: string,
  part: "ENVIRONMENT" | "GOALS" | "METHODS",
  titleZh: string,
  titleEn: string,
  values: {
    required?: boolean;
    body?: string;
    version?: number;
    editor?: string | null;
    at?: string | null;
    links?: { metricId: string; metricCode: string; productSpecId: string | null; productSpecCode: string | null }[];
  } = {},
) {
  const version = values.version ?? 0;
  return {
    __typename: "PlanSection",
    id: version === 0 ? null : `ps-${code}`,
    code,
    part,
    titleZh,
    titleEn,
    guidanceZh: part === "ENVIRONMENT" ? "主要竞争对手的产品、价格与促销。" : null,
    guidanceEn: part === "ENVIRONMENT" ? "Main competitors' products, prices and promotions." : null,
    required: values.required ?? false,
    sortOrder: 1,
    body: values.body ?? "",
    version,
    updatedBy: values.editor ? { __typename: "PlanPerson", id: `u-${values.editor}`, displayName: values.editor } : null,
    updatedAt: values.at ?? null,
    links: (values.links ?? []).map((link) => ({ __typename: "PlanSectionLink", ...link })),
  };
}

const COMPETITION = section("ENV_COMPETITION", "ENVIRONMENT", "竞争形势", "Competition", { required: true });
const SALES_GOAL = section("GOAL_SALES", "GOALS", "销售目标", "Sales goal", {
  body: "销售额较上年增长 20%。",
  version: 2,
  editor: "张三",
  at: "2026-11-20T02:30:00.000Z",
});
const SPLIT_METHOD = section("METHOD_TARGET_SPLIT", "METHODS", "销售目标分解", "Target split", {
  body: "按上年各月比例分解。",
  version: 3,
  editor: "张三",
  at: "2026-11-20T03:00:00.000Z",
  links: [{ metricId: "m-sales", metricCode: "SALES_REVENUE", productSpecId: null, productSpecCode: null }],
});

function documentPlan(overrides: Record<string, unknown> = {}) {
  const part = (name: string, titleZh: string, titleEn: string, sections: unknown[]) => ({
    __typename: "PlanDocumentPart",
    part: name,
    titleZh,
    titleEn,
    sections,
  });
  return {
    __typename: "Plan",
    id: PLAN_ID,
    status: "DRAFT",
    editable: true,
    readOnlyReason: null,
    documentParts: [
      part("ENVIRONMENT", "营销环境分析", "Marketing environment", [COMPETITION]),
      part("GOALS", "营销目标", "Marketing goals", [SALES_GOAL]),
      part("METHODS", "营销目标达成办法", "How the goals will be reached", [SPLIT_METHOD]),
    ],
    catalogue: CATALOGUE,
    ...overrides,
  };
}

const documentMock = (plan = documentPlan()): MockLink.MockedResponse => ({
  request: { query: PLAN_DOCUMENT_QUERY, variables: { unitCode: "CONGHUA", year: 2027 } },
  result: { data: { plan } },
});

interface StateValues {
  body: string;
  version: number;
  editor: string;
  at: string;
  links?: { metricId: string; productSpecId: string | null }[];
}

const state = (code: string, values: StateValues) => ({
  __typename: "PlanSectionState",
  planId: PLAN_ID,
  code,
  body: values.body,
  version: values.version,
  updatedAt: values.at,
  updatedBy: { __typename: "PlanEditor", id: `u-${values.editor}`, login: values.editor, displayName: values.editor },
  links: (values.links ?? []).map((link) => ({ __typename: "PlanSectionTargetLink", ...link })),
});

const saved = (field: "updatePlanSection" | "setPlanSectionLinks", code: string, values: StateValues) => ({
  data: { [field]: { __typename: "PlanSectionSaved", section: state(code, values) } },
});

const conflict = (
  field: "updatePlanSection" | "setPlanSectionLinks",
  code: string,
  expectedVersion: number | null,
  values: StateValues,
) => ({
  data: {
    [field]: { __typename: "PlanSectionConflict", code, expectedVersion, current: state(code, values) },
  },
});

function textMock(code: string, body: string, expectedVersion: number | null, result: unknown, called?: () => void) {
  return {
    request: { query: UPDATE_PLAN_SECTION_MUTATION, variables: { planId: PLAN_ID, code, body, expectedVersion } },
    result: () => {
      called?.();
      return result;
    },
  } as MockLink.MockedResponse;
}

const PATH = "/plans/CONGHUA/2027/document?cycle=2027";
const routes = (isDirty?: (dirty: boolean) => void) => (
  <Route path="/plans/:code/:year/:tab" element={<DocumentTab unitCode="CONGHUA" year={2027} isDirty={isDirty} />} />
);

const block = (container: HTMLElement, code: string) => {
  const found = container.querySelector<HTMLElement>(`[data-section="${code}"]`);
  if (!found) throw new Error(`no section ${code}; the page shows: ${container.textContent}`);
  return found;
};

const textarea = (container: HTMLElement, code: string) => {
  const found = block(container, code).querySelector("textarea");
  if (!found) throw new Error(`section ${code} has no textarea`);
  return found;
};

async function typeText(field: HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, "value")?.set?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** Whether the page would ask before it is left. */
function leavingIsGuarded(): boolean {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe("DocumentTab", () => {
  it("shows the three parts with their sections: title, required flag, guidance, last change and the counter", async () => {
    const container = await render({ path: PATH, routes: routes(), mocks: [documentMock()] });
    await waitForSelector(container, '[data-testid="plan-document"]');
    expect([...container.querySelectorAll(".card__title")].map((title) => title.textContent)).toEqual([
      "A. 营销环境分析",
      "B. 营销目标",
      "C. 营销目标达成办法",
    ]);
    const competition = block(container, "ENV_COMPETITION");
    expect(competition.id).toBe("section-ENV_COMPETITION");
    expect(competition.querySelector("h3")?.textContent).toBe("竞争形势");
    expect(competition.querySelector(".status-badge")?.textContent).toBe("必填");
    expect(competition.querySelector('[data-testid="last-edit"]')?.textContent).toBe("尚未保存过");
    expect(competition.querySelector('[data-testid="counter"]')?.textContent).toBe("0 / 20,000 字");
    const field = textarea(container, "ENV_COMPETITION");
    expect(field.maxLength).toBe(20_000);
    // The textarea is named by the section's title and described by its guidance and counter.
    expect(document.getElementById(field.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("竞争形势");
    const described = (field.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["主要竞争对手的产品、价格与促销。", "0 / 20,000 字"]);

    const goal = block(container, "GOAL_SALES");
    expect(goal.querySelector(".status-badge")).toBeNull();
    // 02:30 UTC is 10:30 in Beijing.
    expect(goal.querySelector('[data-testid="last-edit"]')?.textContent).toBe("张三 最后修改于 2026-11-20 10:30（北京时间）");
    expect(textarea(container, "GOAL_SALES").value).toBe("销售额较上年增长 20%。");
    expect(goal.querySelector('[data-testid="counter"]')?.textContent).toBe("13 / 20,000 字");
    // Only the method section links to targets.
    expect(goal.querySelector("fieldset")).toBeNull();
    expect(block(container, "METHOD_TARGET_SPLIT").querySelector('[data-testid="links"]')?.textContent).toContain(
      "销售额 · 全部品规",
    );
    expect([...container.querySelectorAll(".doc-toc a")].map((link) => link.getAttribute("href"))).toEqual([
      "#section-ENV_COMPETITION",
      "#section-GOAL_SALES",
      "#section-METHOD_TARGET_SPLIT",
    ]);
  });

  it("saves a section never saved without a version, then the next change with the version it got", async () => {
    const dirtyCalls: boolean[] = [];
    const container = await render({
      path: PATH,
      routes: routes((dirty) => dirtyCalls.push(dirty)),
      mocks: [
        documentMock(),
        textMock(
          "ENV_COMPETITION",
          "本地有三家竞品。",
          null,
          saved("updatePlanSection", "ENV_COMPETITION", {
            body: "本地有三家竞品。",
            version: 1,
            editor: "李四",
            at: "2026-11-21T01:00:00.000Z",
          }),
        ),
        textMock(
          "ENV_COMPETITION",
          "本地有三家竞品，价格战激烈。",
          1,
          saved("updatePlanSection", "ENV_COMPETITION", {
            body: "本地有三家竞品，价格战激烈。",
            version: 2,
            editor: "李四",
            at: "2026-11-21T01:05:00.000Z",
          }),
        ),
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const competition = block(container, "ENV_COMPETITION");
    expect(buttonByText(competition, "保存").disabled).toBe(true);
    expect(leavingIsGuarded()).toBe(false);

    await typeText(textarea(container, "ENV_COMPETITION"), "本地有三家竞品。");
    expect(competition.querySelector('[data-testid="counter"]')?.textContent).toBe("8 / 20,000 字");
    expect(competition.textContent).toContain("有未保存的修改");
    expect(dirtyCalls).toEqual([true]);
    expect(leavingIsGuarded()).toBe(true);

    await click(buttonByText(competition, "保存"));
    await waitForText(competition, "已保存。");
    expect(competition.querySelector('[data-testid="last-edit"]')?.textContent).toBe(
      "李四 最后修改于 2026-11-21 09:00（北京时间）",
    );
    expect(dirtyCalls).toEqual([true, false]);
    expect(leavingIsGuarded()).toBe(false);

    await typeText(textarea(container, "ENV_COMPETITION"), "本地有三家竞品，价格战激烈。");
    await click(buttonByText(competition, "保存"));
    await waitForText(competition, "09:05");
    expect(textarea(container, "ENV_COMPETITION").value).toBe("本地有三家竞品，价格战激烈。");
    expect(dirtyCalls).toEqual([true, false, true, false]);
  });

  it("on a conflict shows the other person's text, who and when, and keeps mine by resending with their version", async () => {
    const container = await render({
      path: PATH,
      routes: routes(),
      mocks: [
        documentMock(),
        textMock(
          "GOAL_SALES",
          "销售额较上年增长 25%。",
          2,
          conflict("updatePlanSection", "GOAL_SALES", 2, {
            body: "销售额较上年增长 18%，利润同步增长。",
            version: 3,
            editor: "王五",
            at: "2026-11-21T01:00:00.000Z",
          }),
        ),
        textMock(
          "GOAL_SALES",
          "销售额较上年增长 25%。",
          3,
          saved("updatePlanSection", "GOAL_SALES", {
            body: "销售额较上年增长 25%。",
            version: 4,
            editor: "李四",
            at: "2026-11-21T01:10:00.000Z",
          }),
        ),
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const goal = block(container, "GOAL_SALES");
    await typeText(textarea(container, "GOAL_SALES"), "销售额较上年增长 25%。");
    await click(buttonByText(goal, "保存"));
    const alert = await waitForSelector(goal, '[data-testid="conflict"]');
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("王五 于 2026-11-21 09:00（北京时间）修改了本节，您的修改尚未保存。");
    expect(alert.querySelector('[data-testid="their-text"]')?.textContent).toBe("销售额较上年增长 18%，利润同步增长。");
    // My text stays in the editor; saving again waits for a choice.
    expect(textarea(container, "GOAL_SALES").value).toBe("销售额较上年增长 25%。");
    expect(buttonByText(goal, "保存").disabled).toBe(true);

    await click(buttonByText(goal, "保留我的内容"));
    await waitForText(goal, "已保存。");
    expect(goal.querySelector('[data-testid="conflict"]')).toBeNull();
    expect(textarea(container, "GOAL_SALES").value).toBe("销售额较上年增长 25%。");
    expect(goal.querySelector('[data-testid="last-edit"]')?.textContent).toBe("李四 最后修改于 2026-11-21 09:10（北京时间）");
    expect(goal.textContent).not.toContain("有未保存的修改");
  });

  it("takes the other person's text: it replaces mine, nothing is sent, and nothing is left unsaved", async () => {
    const dirtyCalls: boolean[] = [];
    let sent = 0;
    const container = await render({
      path: PATH,
      routes: routes((dirty) => dirtyCalls.push(dirty)),
      mocks: [
        documentMock(),
        textMock(
          "GOAL_SALES",
          "我的版本",
          2,
          conflict("updatePlanSection", "GOAL_SALES", 2, {
            body: "他们的版本",
            version: 3,
            editor: "王五",
            at: "2026-11-21T01:00:00.000Z",
          }),
          () => sent++,
        ),
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const goal = block(container, "GOAL_SALES");
    await typeText(textarea(container, "GOAL_SALES"), "我的版本");
    await click(buttonByText(goal, "保存"));
    await waitForSelector(goal, '[data-testid="conflict"]');
    await click(buttonByText(goal, "采用对方的内容"));
    expect(goal.querySelector('[data-testid="conflict"]')).toBeNull();
    expect(textarea(container, "GOAL_SALES").value).toBe("他们的版本");
    expect(goal.querySelector('[data-testid="last-edit"]')?.textContent).toBe("王五 最后修改于 2026-11-21 09:00（北京时间）");
    expect(goal.textContent).not.toContain("有未保存的修改");
    expect(buttonByText(goal, "保存").disabled).toBe(true);
    expect(sent).toBe(1);
    expect(dirtyCalls).toEqual([true, false]);
  });

  it("links a method section to targets picked from the catalogue, saved with its version; my own link change is no conflict for my text", async () => {
    const container = await render({
      path: PATH,
      routes: routes(),
      mocks: [
        documentMock(),
        {
          request: {
            query: SET_PLAN_SECTION_LINKS_MUTATION,
            variables: {
              planId: PLAN_ID,
              code: "METHOD_TARGET_SPLIT",
              links: [{ metricId: "m-gp", productSpecId: "s1" }],
              expectedVersion: 3,
            },
          },
          result: saved("setPlanSectionLinks", "METHOD_TARGET_SPLIT", {
            body: "按上年各月比例分解。",
            version: 4,
            editor: "李四",
            at: "2026-11-21T02:00:00.000Z",
            links: [{ metricId: "m-gp", productSpecId: "s1" }],
          }),
        },
        textMock(
          "METHOD_TARGET_SPLIT",
          "按上年各月比例分解，金樽500ml 加大铺货。",
          4,
          saved("updatePlanSection", "METHOD_TARGET_SPLIT", {
            body: "按上年各月比例分解，金樽500ml 加大铺货。",
            version: 5,
            editor: "李四",
            at: "2026-11-21T02:05:00.000Z",
            links: [{ metricId: "m-gp", productSpecId: "s1" }],
          }),
        ),
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const method = block(container, "METHOD_TARGET_SPLIT");
    const [metric, spec] = [...method.querySelectorAll("select")];
    expect([...(metric?.options ?? [])].map((option) => option.textContent)).toEqual(["销售额", "毛利", "回款"]);
    expect([...(spec?.querySelectorAll("optgroup") ?? [])].map((group) => group.label)).toEqual(["白酒"]);
    expect([...(spec?.options ?? [])].map((option) => option.textContent)).toEqual(["全部品规", "金樽500ml", "金樽250ml"]);
    expect(buttonByText(method, "保存关联").disabled).toBe(true);

    // The link already there cannot be added twice.
    await click(buttonByText(method, "添加关联"));
    expect(method.querySelector('[role="alert"]')?.textContent).toBe("已关联该目标。");

    await choose(metric as HTMLSelectElement, "m-gp");
    await choose(spec as HTMLSelectElement, "s1");
    await click(buttonByText(method, "添加关联"));
    await click(buttonByText(method, "移除“销售额 · 全部品规”"));
    const listed = () => [...method.querySelectorAll('[data-testid="links"] li span')].map((item) => item.textContent);
    expect(listed()).toEqual(["毛利 · 金樽500ml"]);
    expect(method.textContent).toContain("有未保存的修改");

    await click(buttonByText(method, "保存关联"));
    await waitForText(method, "关联已保存。");
    expect(listed()).toEqual(["毛利 · 金樽500ml"]);
    expect(buttonByText(method, "保存关联").disabled).toBe(true);

    // The text goes out with the version the link change left (4), not the one first read (3).
    await typeText(textarea(container, "METHOD_TARGET_SPLIT"), "按上年各月比例分解，金樽500ml 加大铺货。");
    await click(buttonByText(method, "保存"));
    await waitForText(method, "10:05");
    expect(method.querySelector('[data-testid="conflict"]')).toBeNull();
  });

  it("on a links conflict shows the other person's links and takes them", async () => {
    const container = await render({
      path: PATH,
      routes: routes(),
      mocks: [
        documentMock(),
        {
          request: {
            query: SET_PLAN_SECTION_LINKS_MUTATION,
            variables: { planId: PLAN_ID, code: "METHOD_TARGET_SPLIT", links: [], expectedVersion: 3 },
          },
          result: conflict("setPlanSectionLinks", "METHOD_TARGET_SPLIT", 3, {
            body: "按上年各月比例分解。",
            version: 4,
            editor: "王五",
            at: "2026-11-21T01:00:00.000Z",
            links: [
              { metricId: "m-sales", productSpecId: null },
              { metricId: "m-col", productSpecId: "s2" },
            ],
          }),
        },
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const method = block(container, "METHOD_TARGET_SPLIT");
    await click(buttonByText(method, "移除“销售额 · 全部品规”"));
    await click(buttonByText(method, "保存关联"));
    const alert = await waitForSelector(method, '[data-testid="conflict"]');
    expect(alert.textContent).toContain("王五 于 2026-11-21 09:00（北京时间）修改了本节，您关联的目标尚未保存。");
    expect([...alert.querySelectorAll('[data-testid="their-links"] li')].map((item) => item.textContent)).toEqual([
      "销售额 · 全部品规",
      "回款 · 金樽250ml",
    ]);
    await click(buttonByText(method, "采用对方的内容"));
    expect([...method.querySelectorAll('[data-testid="links"] li span')].map((item) => item.textContent)).toEqual([
      "销售额 · 全部品规",
      "回款 · 金樽250ml",
    ]);
    expect(method.textContent).not.toContain("有未保存的修改");
  });

  it("shows a refused save as a sentence and keeps the text", async () => {
    const container = await render({
      path: PATH,
      routes: routes(),
      mocks: [
        documentMock(),
        {
          request: {
            query: UPDATE_PLAN_SECTION_MUTATION,
            variables: { planId: PLAN_ID, code: "GOAL_SALES", body: "新的目标", expectedVersion: 2 },
          },
          result: {
            // The plan was submitted meanwhile.
            errors: [
              new GraphQLError("not editable", { extensions: { code: "INVALID_TRANSITION", reason: "PLAN_NOT_EDITABLE" } }),
            ],
          },
        },
      ],
    });
    await waitForSelector(container, '[data-testid="plan-document"]');
    const goal = block(container, "GOAL_SALES");
    await typeText(textarea(container, "GOAL_SALES"), "新的目标");
    await click(buttonByText(goal, "保存"));
    await waitUntil("the refusal", () => goal.querySelector('.error-text[role="alert"]') !== null);
    expect(goal.querySelector(".error-text")?.textContent).toBe("当前状态下不能执行此操作。");
    expect(textarea(container, "GOAL_SALES").value).toBe("新的目标");
    expect(goal.textContent).toContain("有未保存的修改");
  });

  it("is read-only when the plan is not editable (the workbench's header says why, once)", async () => {
    const submitted = documentPlan({ status: "SUBMITTED", editable: false, readOnlyReason: "STATUS" });
    const container = await render({ path: PATH, routes: routes(), mocks: [documentMock(submitted)] });
    await waitForSelector(container, '[data-testid="plan-document"]');
    expect(container.textContent).not.toContain("只读");
    expect(container.querySelector("textarea")).toBeNull();
    expect(container.querySelector("select")).toBeNull();
    expect([...container.querySelectorAll("button")]).toEqual([]);
    expect(block(container, "GOAL_SALES").querySelector('[data-testid="section-body"]')?.textContent).toBe(
      "销售额较上年增长 20%。",
    );
    expect(block(container, "ENV_COMPETITION").querySelector('[data-testid="section-body"]')?.textContent).toBe("（尚未填写）");
    expect(block(container, "METHOD_TARGET_SPLIT").querySelector('[data-testid="links"]')?.textContent).toBe("销售额 · 全部品规");
  });

  it("reads in English too, read-only", async () => {
    window.localStorage.setItem("pyramid.locale", "en");
    const reviewer = documentPlan({ editable: false, readOnlyReason: "ROLE" });
    const container = await render({ path: PATH, routes: routes(), mocks: [documentMock(reviewer)] });
    await waitForSelector(container, '[data-testid="plan-document"]');
    expect(container.querySelector("textarea")).toBeNull();
    expect(container.querySelector(".card__title")?.textContent).toBe("A. Marketing environment");
    expect(block(container, "ENV_COMPETITION").querySelector("h3")?.textContent).toBe("Competition");
  });

  it("shows the section a link names once the document is there", async () => {
    const scrolled = vi.fn();
    const original = window.HTMLElement.prototype.scrollIntoView;
    window.HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      scrolled(this.id);
    };
    try {
      const container = await render({
        path: "/plans/CONGHUA/2027/document?cycle=2027#section-METHOD_TARGET_SPLIT",
        routes: routes(),
        mocks: [documentMock()],
      });
      await waitForSelector(container, '[data-testid="plan-document"]');
      await waitUntil("the scroll", () => scrolled.mock.calls.length > 0);
      expect(scrolled).toHaveBeenCalledWith("section-METHOD_TARGET_SPLIT");
    } finally {
      window.HTMLElement.prototype.scrollIntoView = original;
    }
  });
});
