// @vitest-environment happy-dom
// 新建用户 against a mocked API: the form's own checks, the unit search, the exact
// input sent, the server's refusals at their fields, and the way back to the list.
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { Route, useLocation } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CreateUserRoute } from "./CreateUserRoute.js";
import {
  buttonByText,
  choose,
  click,
  fieldByLabel,
  fieldErrors,
  render,
  setUpReactTests,
  settle,
  typeInto,
  unit,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { TEMPORARY_PASSWORD_ALPHABET } from "./temporary-password.js";
import { ASSIGNABLE_UNITS_QUERY, CREATE_USER_MUTATION } from "./users-documents.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const HQ = unit("HQ", "营销总部", "Marketing HQ", "HQ");
const GZ = unit("GZ", "广州办事处", "Guangzhou office", "CITY");
const CONGHUA = unit("CONGHUA", "从化区市场部", "Conghua market department", "COUNTY");

const unitsMock = (search: string | null, units: unknown[]): MockLink.MockedResponse => ({
  request: { query: ASSIGNABLE_UNITS_QUERY, variables: { search, first: 50 } },
  result: { data: { assignableOrgUnits: units } },
});

const INPUT = {
  login: "Li.Na",
  displayName: "李娜",
  email: null,
  locale: "en",
  password: "first-pass-1",
  roleAssignments: [
    { role: "PLANNER", orgUnitId: "id-CONGHUA" },
    { role: "REVIEWER", orgUnitId: "id-CONGHUA" },
  ],
};

function UsersPageStub() {
  const state = useLocation().state as { created?: string } | null;
  return <p>users page, created {state?.created}</p>;
}

async function renderPage(mocks: MockLink.MockedResponse[]) {
  return render({
    path: "/users/new",
    routes: (
      <>
        <Route path="/users/new" element={<CreateUserRoute />} />
        <Route path="/users" element={<UsersPageStub />} />
      </>
    ),
    mocks: [unitsMock(null, [HQ, GZ, CONGHUA]), ...mocks],
    viewer: viewerOf("HQ_ADMIN"),
  });
}

function checkbox(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll("label")].find((element) => element.textContent === label);
  const input = found?.querySelector("input");
  if (!input) throw new Error(`no checkbox ${label}`);
  return input;
}

/** Fills the form as INPUT says, picking 从化 after searching for it. */
async function fillValid(container: HTMLElement) {
  await typeInto(fieldByLabel(container, "登录名"), " Li.Na ");
  await typeInto(fieldByLabel(container, "姓名"), "李娜");
  await typeInto(fieldByLabel(container, "查找单位（编码或名称）"), "从化");
  const select = fieldByLabel<HTMLSelectElement>(container, "单位");
  // The search's answer replaces the first list.
  await waitUntil("the search for 从化", () => select.options.length === 2 && select.options[1]?.value === "id-CONGHUA");
  await choose(select, "id-CONGHUA");
  // Ticked in another order than listed: sent in the listed order.
  await click(checkbox(container, "审核人"));
  await click(checkbox(container, "编制人"));
  await choose(fieldByLabel<HTMLSelectElement>(container, "界面语言"), "en");
  await typeInto(fieldByLabel(container, "初始密码"), "first-pass-1");
}

describe("CreateUserRoute", () => {
  it("checks every required field before sending, says so, and focuses the first", async () => {
    const container = await renderPage([]);
    await click(buttonByText(container, "创建用户"));
    expect(fieldErrors(container)).toEqual({
      login: "请填写此项。",
      displayName: "请填写姓名。",
      orgUnit: "请选择单位。",
      fieldset: "请至少选择一个角色。",
      password: "请填写此项。",
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe("请修改标出的内容。");
    expect(document.activeElement).toBe(fieldByLabel(container, "登录名"));
  });

  it("refuses a login with a space and a password equal to the login, on the server's rules", async () => {
    const container = await renderPage([]);
    await typeInto(fieldByLabel(container, "登录名"), "li na");
    await typeInto(fieldByLabel(container, "初始密码"), "short");
    await click(buttonByText(container, "创建用户"));
    expect(fieldErrors(container)).toMatchObject({
      login: "登录名为 2–64 个字符：字母、数字、“.”、“_”、“-”，以字母或数字开头。",
      password: "密码至少 8 个字符。",
    });
    await typeInto(fieldByLabel(container, "登录名"), "li.na.2027");
    await typeInto(fieldByLabel(container, "初始密码"), "LI.NA.2027");
    await click(buttonByText(container, "创建用户"));
    expect(fieldErrors(container)["password"]).toBe("密码不能与登录名相同。");
    expect(fieldErrors(container)["login"]).toBeUndefined();
  });

  it("searches the units, sends exactly what was entered, and goes back to the list saying who was created", async () => {
    let sent: unknown = null;
    const container = await renderPage([
      unitsMock("从化", [CONGHUA]),
      {
        request: {
          query: CREATE_USER_MUTATION,
          variables: (variables) => {
            sent = variables;
            return true;
          },
        },
        result: {
          data: {
            createUser: {
              __typename: "CreateUserPayload",
              user: {
                __typename: "User",
                id: "new-user",
                login: "Li.Na",
                displayName: "李娜",
                email: null,
                locale: "en",
                isActive: true,
                lastLoginAt: null,
                roleAssignments: [],
              },
            },
          },
        },
      },
    ]);
    const select = fieldByLabel<HTMLSelectElement>(container, "单位");
    await waitForSelector(select, 'option[value="id-GZ"]');
    expect([...select.options].map((option) => option.textContent)).toEqual([
      "请选择单位",
      "营销总部 (HQ) · 营销总部",
      "广州办事处 (GZ) · 城市办事处",
      "从化区市场部 (CONGHUA) · 县级市场部",
    ]);
    await fillValid(container);
    expect([...select.options].map((option) => option.value)).toEqual(["", "id-CONGHUA"]);
    await click(buttonByText(container, "创建用户"));
    await waitForText(container, "users page, created Li.Na");
    expect(sent).toEqual({ input: INPUT });
  });

  it("shows a taken login at the login field", async () => {
    const container = await renderPage([
      unitsMock("从化", [CONGHUA]),
      {
        request: { query: CREATE_USER_MUTATION, variables: { input: INPUT } },
        result: {
          errors: [
            new GraphQLError("This login is taken.", {
              extensions: { code: "CONFLICT", reason: "LOGIN_TAKEN", params: { login: "Li.Na" } },
            }),
          ],
        },
      },
    ]);
    await fillValid(container);
    await click(buttonByText(container, "创建用户"));
    await waitForText(container, "登录名 Li.Na 已被使用（不区分大小写）。");
    expect(fieldErrors(container)).toEqual({ login: "登录名 Li.Na 已被使用（不区分大小写）。" });
    expect(document.activeElement).toBe(fieldByLabel(container, "登录名"));
  });

  it("shows a refusal without a field of its own above the button", async () => {
    const container = await renderPage([
      unitsMock("从化", [CONGHUA]),
      { request: { query: CREATE_USER_MUTATION, variables: { input: INPUT } }, error: new TypeError("Failed to fetch") },
    ]);
    await fillValid(container);
    await click(buttonByText(container, "创建用户"));
    await waitForText(container, "无法连接服务器，请检查网络或稍后重试。");
    expect(fieldErrors(container)).toEqual({});
  });

  it("tells anyone but an HQ administrator at once that they may not, without a form", async () => {
    const container = await render({
      path: "/users/new",
      routes: <Route path="/users/new" element={<CreateUserRoute />} />,
      viewer: viewerOf("REVIEWER"),
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe("无权访问您的角色无权执行此操作。");
    expect(container.querySelector("form")).toBeNull();
  });

  it("generates a password of three groups of four from the alphabet without look-alikes", async () => {
    const container = await renderPage([]);
    await click(buttonByText(container, "生成密码"));
    await settle();
    const value = fieldByLabel(container, "初始密码").value;
    const letter = `[${TEMPORARY_PASSWORD_ALPHABET}]`;
    expect(value).toMatch(new RegExp(`^${letter}{4}-${letter}{4}-${letter}{4}$`));
  });
});
