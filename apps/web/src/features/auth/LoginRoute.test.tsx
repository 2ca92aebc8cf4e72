// @vitest-environment happy-dom
// The sign-in page against a mocked API: the server's refusals in words, the
// retry time of a limited login, and where a successful sign-in goes.
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../app/i18n/I18nProvider.js";
import { LOGIN_MUTATION, VIEWER_QUERY } from "../../app/session/session-documents.js";
import { LoginRoute } from "./LoginRoute.js";
import { waitForText } from "../../testing/render.js";

const mounted: Root[] = [];

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

/** The login page asks the server whether someone is signed in already: here nobody is. */
const signedOut: MockLink.MockedResponse = { request: { query: VIEWER_QUERY }, result: { data: { me: null } } };

async function renderLogin(
  entry: string,
  mocks: MockLink.MockedResponse[],
  session: MockLink.MockedResponse = signedOut,
): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={[session, ...mocks]}>
          <MemoryRouter initialEntries={[entry]}>
            <Routes>
              <Route path="/login" element={<LoginRoute />} />
              <Route path="/pyramid" element={<p>pyramid page</p>} />
              <Route path="/" element={<p>home page</p>} />
            </Routes>
          </MemoryRouter>
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return container;
}

function typeInto(container: HTMLElement, name: string, value: string): void {
  const input = container.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!input) throw new Error(`no input ${name}`);
  // React tracks the value through the prototype's setter.
  Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, "value")?.set?.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

async function submit(container: HTMLElement, login: string, password: string): Promise<void> {
  await act(async () => {
    typeInto(container, "login", login);
    typeInto(container, "password", password);
  });
  await act(async () => container.querySelector<HTMLButtonElement>('button[type="submit"]')?.click());
}

const hq = { __typename: "OrgUnitRef", id: "hq", code: "HQ", nameZh: "营销总部", nameEn: "Marketing HQ", level: "HQ" };
const me = {
  __typename: "User",
  id: "u1",
  login: "hq.viewer",
  displayName: "HQ Viewer",
  locale: "en",
  roleAssignments: [{ __typename: "UserRoleAssignment", role: "VIEWER", orgUnit: hq, orgUnitPath: [hq] }],
};

const refused = (code: string, params?: Record<string, unknown>): MockLink.MockedResponse => ({
  request: { query: LOGIN_MUTATION, variables: { login: "conghua.planner", password: "demo1234" } },
  result: { errors: [new GraphQLError("refused", { extensions: { code, ...(params ? { params } : {}) } })] },
});

describe("LoginRoute", () => {
  it("labels both fields", async () => {
    const container = await renderLogin("/login", []);
    const labels = [...container.querySelectorAll("label")].map((label) => label.textContent);
    expect(labels).toEqual(["登录名", "密码"]);
  });

  it("says the login or password is wrong, without saying which", async () => {
    const container = await renderLogin("/login", [refused("UNAUTHENTICATED")]);
    await submit(container, "conghua.planner", "demo1234");
    await waitForText(container, "登录名或密码不正确。");
  });

  it("says when a limited login may try again, in Beijing time", async () => {
    const container = await renderLogin("/login", [
      refused("TOO_MANY_ATTEMPTS", { retryAt: "2026-11-29T06:20:00.000Z", retryAfterSeconds: 900 }),
    ]);
    await submit(container, "conghua.planner", "demo1234");
    await waitForText(container, "登录失败次数过多，请于 2026-11-29 14:20（北京时间）后再试。");
  });

  it("says the server cannot be reached on a network error", async () => {
    const container = await renderLogin("/login", [
      {
        request: { query: LOGIN_MUTATION, variables: { login: "conghua.planner", password: "demo1234" } },
        error: new TypeError("Failed to fetch"),
      },
    ]);
    await submit(container, "conghua.planner", "demo1234");
    await waitForText(container, "无法连接服务器");
  });

  it("tells an expired session, then signs in to the page the user was on, in the user's language", async () => {
    const container = await renderLogin("/login?next=%2Fpyramid&reason=expired", [
      {
        request: { query: LOGIN_MUTATION, variables: { login: "hq.viewer", password: "demo1234" } },
        result: { data: { login: { __typename: "LoginPayload", me } } },
      },
    ]);
    expect(container.textContent).toContain("登录已过期，请重新登录。");
    await submit(container, " hq.viewer ", "demo1234");
    await waitForText(container, "pyramid page");
    expect(document.documentElement.lang).toBe("en");
    expect(window.localStorage.getItem("pyramid.locale")).toBe("en");
  });

  it("sends someone already signed in on to the page they asked for, or home", async () => {
    const signedIn: MockLink.MockedResponse = { request: { query: VIEWER_QUERY }, result: { data: { me } } };
    const toNext = await renderLogin("/login?next=%2Fpyramid", [], signedIn);
    await waitForText(toNext, "pyramid page");
    const home = await renderLogin("/login?next=https%3A%2F%2Fevil.example%2F", [], signedIn);
    await waitForText(home, "home page");
  });
});
