// @vitest-environment happy-dom
// 修改密码 against a mocked API: the form's own checks (the server's password
// rules), the server's refusals at their fields, the retry time of a limited
// account, and the success notice.
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChangePasswordRoute } from "./ChangePasswordRoute.js";
import {
  buttonByText,
  click,
  fieldByLabel,
  fieldErrors,
  render,
  setUpReactTests,
  typeInto,
  unmountAll,
  viewerOf,
  waitForText,
} from "../../testing/render.js";
import { CHANGE_PASSWORD_MUTATION } from "./users-documents.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const viewer = viewerOf("PLANNER", { login: "conghua.planner", displayName: "从化编制人" });

const changeRequest = {
  query: CHANGE_PASSWORD_MUTATION,
  variables: { input: { currentPassword: "demo1234", newPassword: "new-pass-2027" } },
};

async function renderPage(mocks: MockLink.MockedResponse[] = []) {
  return render({
    path: "/account/password",
    routes: <Route path="/account/password" element={<ChangePasswordRoute />} />,
    mocks,
    viewer,
  });
}

async function fill(container: HTMLElement, current: string, next: string, repeat: string) {
  await typeInto(fieldByLabel(container, "当前密码"), current);
  await typeInto(fieldByLabel(container, "新密码"), next);
  await typeInto(fieldByLabel(container, "再次输入新密码"), repeat);
  await click(buttonByText(container, "修改密码"));
}

const refused = (code: string, reason?: string, params?: Record<string, unknown>): MockLink.MockedResponse => ({
  request: changeRequest,
  result: {
    errors: [new GraphQLError("refused", { extensions: { code, ...(reason ? { reason } : {}), ...(params ? { params } : {}) } })],
  },
});

describe("ChangePasswordRoute", () => {
  it("labels the three fields and says the rules", async () => {
    const container = await renderPage();
    expect([...container.querySelectorAll("label")].map((label) => label.textContent)).toEqual([
      "当前密码",
      "新密码",
      "再次输入新密码",
    ]);
    expect(container.textContent).toContain("新密码至少 8 个字符，且不能与登录名相同。");
  });

  it("asks for every field before sending, and puts the focus on the first", async () => {
    const container = await renderPage();
    await click(buttonByText(container, "修改密码"));
    expect(fieldErrors(container)).toEqual({
      currentPassword: "请填写此项。",
      newPassword: "请填写此项。",
      repeatPassword: "请填写此项。",
    });
    expect(document.activeElement).toBe(fieldByLabel(container, "当前密码"));
    expect(fieldByLabel(container, "当前密码").getAttribute("aria-invalid")).toBe("true");
  });

  it("refuses a short new password, one equal to the login (ignoring case), and a repeat that differs", async () => {
    const container = await renderPage();
    await fill(container, "demo1234", "short12", "short12");
    expect(fieldErrors(container)).toEqual({ newPassword: "密码至少 8 个字符。" });
    expect(document.activeElement).toBe(fieldByLabel(container, "新密码"));

    await fill(container, "demo1234", "Conghua.Planner", "Conghua.Planner");
    expect(fieldErrors(container)).toEqual({ newPassword: "密码不能与登录名相同。" });

    await fill(container, "demo1234", "new-pass-2027", "new-pass-2028");
    expect(fieldErrors(container)).toEqual({ repeatPassword: "两次输入的新密码不一致。" });
  });

  it("shows the server's refusal of the current password at that field", async () => {
    const container = await renderPage([refused("VALIDATION_FAILED", "CURRENT_PASSWORD_WRONG")]);
    await fill(container, "demo1234", "new-pass-2027", "new-pass-2027");
    await waitForText(container, "当前密码不正确。");
    expect(fieldErrors(container)).toEqual({ currentPassword: "当前密码不正确。" });
    expect(document.activeElement).toBe(fieldByLabel(container, "当前密码"));
  });

  it("says until when a limited account must wait, in Beijing time", async () => {
    const container = await renderPage([
      refused("TOO_MANY_ATTEMPTS", "LOGIN_LIMITED", { retryAt: "2026-11-29T06:20:00.000Z", retryAfterSeconds: 900 }),
    ]);
    await fill(container, "demo1234", "new-pass-2027", "new-pass-2027");
    await waitForText(container, "登录失败次数过多，请于 2026-11-29 14:20（北京时间）后再试。");
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      "登录失败次数过多，请于 2026-11-29 14:20（北京时间）后再试。",
    );
  });

  it("says the password was changed and clears the form", async () => {
    const container = await renderPage([
      {
        request: changeRequest,
        result: { data: { changePassword: { __typename: "ChangePasswordPayload", me: { __typename: "User", id: "viewer-1" } } } },
      },
    ]);
    await fill(container, "demo1234", "new-pass-2027", "new-pass-2027");
    await waitForText(container, "密码已修改。您在其他浏览器和设备上的登录已结束。");
    expect(fieldErrors(container)).toEqual({});
    expect(fieldByLabel(container, "新密码").value).toBe("");
  });
});
