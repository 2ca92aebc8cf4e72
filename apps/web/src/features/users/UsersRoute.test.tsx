// @vitest-environment happy-dom
// 用户 against a mocked API: the list, its search and unit filter in the URL, a
// unit outside the scope, deactivating (asked once, saying what happens) and a
// password reset whose temporary password is the one sent, shown once.
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  click,
  fieldByLabel,
  render,
  setUpReactTests,
  typeInto,
  unit,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { TEMPORARY_PASSWORD_ALPHABET } from "./temporary-password.js";
import { DEACTIVATE_USER_MUTATION, RESET_PASSWORD_MUTATION, USERS_QUERY } from "./users-documents.js";
import { UsersRoute } from "./UsersRoute.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const HQ = unit("HQ", "营销总部", "Marketing HQ", "HQ");
const CONGHUA = unit("CONGHUA", "从化区市场部", "Conghua market department", "COUNTY");

const user = (id: string, login: string, displayName: string, orgUnit: ReturnType<typeof unit>, role: string, extra = {}) => ({
  __typename: "User",
  id,
  login,
  displayName,
  email: null,
  locale: "zh-CN",
  isActive: true,
  lastLoginAt: null,
  roleAssignments: [{ __typename: "UserRoleAssignment", role, orgUnit }],
  ...extra,
});

const ADMIN = user("viewer-1", "hq.admin", "总部管理员", HQ, "HQ_ADMIN", { lastLoginAt: "2026-11-29T06:05:00.000Z" });
const PLANNER = user("u-2", "conghua.planner", "从化编制人", CONGHUA, "PLANNER", { locale: "en" });
const LEFT = user("u-3", "left.company", "已离职", CONGHUA, "VIEWER", { isActive: false });

const usersMock = (
  variables: Record<string, unknown>,
  nodes: unknown[],
  totalCount = nodes.length,
  nextCursor: string | null = null,
): MockLink.MockedResponse => ({
  request: { query: USERS_QUERY, variables: { search: null, orgUnitCode: null, first: 50, ...variables } },
  result: { data: { users: { __typename: "UserPage", nodes, totalCount, nextCursor } } },
});

async function renderPage(path: string, mocks: MockLink.MockedResponse[]) {
  return render({ path, routes: <Route path="/users" element={<UsersRoute />} />, mocks, viewer: viewerOf("HQ_ADMIN") });
}

const rowOf = (container: HTMLElement, login: string) =>
  waitForSelector(container, `[data-testid="user-row"][data-login="${login}"]`);

const cellTexts = (row: Element) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent);

describe("UsersRoute", () => {
  it("lists the users with unit and role, language, status and last sign-in; no actions on one's own row or a deactivated one", async () => {
    const container = await renderPage("/users", [usersMock({}, [PLANNER, ADMIN, LEFT])]);
    const planner = await rowOf(container, "conghua.planner");
    expect(cellTexts(planner)).toEqual([
      "从化编制人",
      "conghua.planner",
      "从化区市场部 (CONGHUA) · 编制人",
      "English",
      "启用",
      "从未登录",
      "重置密码停用",
    ]);
    expect(cellTexts(await rowOf(container, "hq.admin"))).toEqual([
      "总部管理员 （您本人）",
      "hq.admin",
      "营销总部 (HQ) · 总部管理员",
      "中文",
      "启用",
      "2026-11-29 14:05",
      "",
    ]);
    expect(cellTexts(await rowOf(container, "left.company"))[4]).toBe("已停用");
    expect(cellTexts(await rowOf(container, "left.company"))[6]).toBe("");
    expect(container.textContent).toContain("共 3 个用户");
  });

  it("searches and filters by unit code through the URL, and loads the next page", async () => {
    const container = await renderPage("/users?q=%E4%BB%8E%E5%8C%96&unit=CONGHUA", [
      usersMock({ search: "从化", orgUnitCode: "CONGHUA" }, [PLANNER], 2, "next-1"),
      usersMock({ search: "从化", orgUnitCode: "CONGHUA", after: "next-1" }, [LEFT], 2, null),
    ]);
    await rowOf(container, "conghua.planner");
    expect(fieldByLabel(container, "搜索用户（登录名、姓名或邮箱）").value).toBe("从化");
    expect(fieldByLabel(container, "单位编码").value).toBe("CONGHUA");
    await click(buttonByText(container, "加载更多"));
    await rowOf(container, "left.company");
    expect(container.querySelectorAll('[data-testid="user-row"]')).toHaveLength(2);
    expect(container.textContent).not.toContain("加载更多");
  });

  it("says when the unit code is unknown or outside the scope, and keeps the search form", async () => {
    const container = await renderPage("/users", [
      usersMock({}, [ADMIN]),
      {
        request: { query: USERS_QUERY, variables: { search: null, orgUnitCode: "SHUNDE", first: 50 } },
        result: {
          errors: [new GraphQLError("No org unit", { extensions: { code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" } })],
        },
      },
    ]);
    await rowOf(container, "hq.admin");
    await typeInto(fieldByLabel(container, "单位编码"), "SHUNDE");
    await click(buttonByText(container, "搜索"));
    await waitForText(container, "没有编码为 SHUNDE 的单位，或它不在您的管辖范围内。");
    expect(container.querySelector('[data-testid="user-row"]')).toBeNull();
    expect(fieldByLabel(container, "单位编码").value).toBe("SHUNDE");
  });

  it("asks once before deactivating, saying what happens; cancel changes nothing, confirm deactivates", async () => {
    const container = await renderPage("/users", [
      usersMock({}, [PLANNER]),
      {
        request: { query: DEACTIVATE_USER_MUTATION, variables: { input: { userId: "u-2" } } },
        result: {
          data: {
            deactivateUser: { __typename: "DeactivateUserPayload", user: { __typename: "User", id: "u-2", isActive: false } },
          },
        },
      },
    ]);
    const row = await rowOf(container, "conghua.planner");
    await click(buttonByText(row, "停用"));
    const dialog = await waitForSelector<HTMLDialogElement>(document, '[data-testid="deactivate-dialog"]');
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector("h2")?.textContent).toBe("停用用户 从化编制人？");
    expect(dialog.textContent).toContain(
      "从化编制人（conghua.planner）将无法再登录，正在使用的登录立即结束。停用的用户不能在此页面恢复。",
    );
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe("取消");
    await click(buttonByText(dialog, "取消"));
    expect(document.querySelector('[data-testid="deactivate-dialog"]')).toBeNull();
    expect(cellTexts(row)[4]).toBe("启用");

    await click(buttonByText(row, "停用"));
    await click(buttonByText(await waitForSelector(document, '[data-testid="deactivate-dialog"]'), "停用"));
    await waitForText(container, "已停用 从化编制人，其登录已结束。");
    expect(cellTexts(await rowOf(container, "conghua.planner"))[4]).toBe("已停用");
    expect(cellTexts(await rowOf(container, "conghua.planner"))[6]).toBe("");
  });

  it("resets a password after asking, and shows once the very temporary password it sent", async () => {
    let sentPassword = "";
    const container = await renderPage("/users", [
      usersMock({}, [PLANNER]),
      {
        request: {
          query: RESET_PASSWORD_MUTATION,
          variables: (variables) => {
            const input = (variables as { input: { userId: string; newPassword: string } }).input;
            sentPassword = input.newPassword;
            return input.userId === "u-2";
          },
        },
        result: { data: { resetPassword: { __typename: "ResetPasswordPayload", user: { __typename: "User", id: "u-2" } } } },
      },
    ]);
    const row = await rowOf(container, "conghua.planner");
    await click(buttonByText(row, "重置密码"));
    const confirm = await waitForSelector(document, '[data-testid="reset-dialog"]');
    expect(confirm.textContent).toContain(
      "系统将生成一个临时密码，只显示一次。从化编制人 的旧密码立即失效，正在使用的登录立即结束。",
    );
    await click(buttonByText(confirm, "重置密码"));
    const shown = await waitForSelector(document, '[data-testid="temporary-password"]');
    const letter = `[${TEMPORARY_PASSWORD_ALPHABET}]`;
    expect(shown.textContent).toMatch(new RegExp(`^${letter}{4}-${letter}{4}-${letter}{4}$`));
    expect(shown.textContent).toBe(sentPassword);
    expect(document.querySelector('[data-testid="temporary-password-dialog"] h2')?.textContent).toBe("从化编制人 的临时密码");

    await click(buttonByText(document, "完成"));
    await waitUntil("the dialog to close", () => document.querySelector('[data-testid="temporary-password"]') === null);
    expect(document.body.textContent).not.toContain(sentPassword);
  });

  it("shows the refusal inside the dialog when the user is out of reach", async () => {
    const container = await renderPage("/users", [
      usersMock({}, [PLANNER]),
      {
        request: { query: DEACTIVATE_USER_MUTATION, variables: { input: { userId: "u-2" } } },
        result: {
          errors: [new GraphQLError("No user", { extensions: { code: "NOT_FOUND", reason: "USER_NOT_FOUND" } })],
        },
      },
    ]);
    const row = await rowOf(container, "conghua.planner");
    await click(buttonByText(row, "停用"));
    const dialog = await waitForSelector(document, '[data-testid="deactivate-dialog"]');
    await click(buttonByText(dialog, "停用"));
    await waitForText(dialog, "该用户不存在，或不在您的管辖范围内。");
  });

  it("shows the forbidden page to a viewer who is not an HQ administrator", async () => {
    const container = await renderPage("/users", [
      {
        request: { query: USERS_QUERY, variables: { search: null, orgUnitCode: null, first: 50 } },
        result: { errors: [new GraphQLError("Not allowed", { extensions: { code: "FORBIDDEN" } })] },
      },
    ]);
    await waitForText(container, "无权访问");
  });
});
