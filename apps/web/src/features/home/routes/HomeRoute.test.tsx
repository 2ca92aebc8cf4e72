// @vitest-environment happy-dom
// The start page's explicit states (loading, success, degraded, error, retry)
// rendered by React against a mocked API.
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../../app/i18n/I18nProvider.js";
import { HOME_ROUTE_QUERY, HomeRoute } from "./HomeRoute.js";
import { waitForText } from "../../../testing/render.js";

const healthy = {
  __typename: "Health",
  status: "OK",
  database: "PGLITE",
  migrationsApplied: 3,
  version: "1.4.0",
  serverTime: "2026-01-15T08:30:00.000Z",
} as const;

const mounted: Root[] = [];

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

async function renderHome(mocks: MockLink.MockedResponse[]): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={mocks}>
          <HomeRoute />
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return container;
}

const byTestId = (container: HTMLElement, id: string) => container.querySelector(`[data-testid="${id}"]`)?.textContent;

describe("HomeRoute", () => {
  it("shows a loading state until the API answers", async () => {
    const container = await renderHome([
      { request: { query: HOME_ROUTE_QUERY }, result: { data: { health: healthy } }, delay: 60_000 },
    ]);
    expect(container.textContent).toContain("正在检查系统状态…");
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(byTestId(container, "status-database")).toBeUndefined();
  });

  it("shows the system status and the four planning steps", async () => {
    const container = await renderHome([{ request: { query: HOME_ROUTE_QUERY }, result: { data: { health: healthy } } }]);
    await waitForText(container, "运行正常");
    expect(byTestId(container, "status-database")).toBe("嵌入式 PostgreSQL（PGlite）");
    expect(byTestId(container, "status-migrations")).toBe("3 个");
    expect(byTestId(container, "status-version")).toBe("1.4.0");
    expect(container.querySelector("time")?.getAttribute("datetime")).toBe(healthy.serverTime);
    expect([...container.querySelectorAll(".steps__title")].map((title) => title.textContent)).toEqual([
      "县级起草 县级市场部",
      "城市审核 城市办事处",
      "省级汇总 省级分公司",
      "总部审批 营销总部",
    ]);
  });

  it("says so when the server is up but its database is not", async () => {
    const degraded = { ...healthy, status: "DATABASE_UNAVAILABLE", database: "POSTGRES", migrationsApplied: null };
    const container = await renderHome([{ request: { query: HOME_ROUTE_QUERY }, result: { data: { health: degraded } } }]);
    await waitForText(container, "数据库无法连接");
    expect(byTestId(container, "status-database")).toBe("PostgreSQL 服务器");
    expect(byTestId(container, "status-migrations")).toBe("未知");
    expect(container.querySelector('[data-tone="danger"]')).not.toBeNull();
  });

  it("shows a network error with a retry that recovers", async () => {
    const container = await renderHome([
      { request: { query: HOME_ROUTE_QUERY }, error: new TypeError("Failed to fetch") },
      { request: { query: HOME_ROUTE_QUERY }, result: { data: { health: healthy } } },
    ]);
    await waitForText(container, "无法连接服务器");
    expect(container.querySelector('[role="alert"]')).not.toBeNull();

    const retry = [...container.querySelectorAll("button")].find((button) => button.textContent === "重试");
    expect(retry).toBeDefined();
    await act(async () => retry?.click());
    await waitForText(container, "运行正常");
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it("maps a domain error code to its message", async () => {
    const container = await renderHome([
      {
        request: { query: HOME_ROUTE_QUERY },
        result: { errors: [new GraphQLError("Your role may not do this.", { extensions: { code: "FORBIDDEN" } })] },
      },
    ]);
    await waitForText(container, "您的角色无权执行此操作。");
  });

  it("speaks English when English was chosen before", async () => {
    window.localStorage.setItem("pyramid.locale", "en");
    const container = await renderHome([{ request: { query: HOME_ROUTE_QUERY }, result: { data: { health: healthy } } }]);
    await waitForText(container, "All systems normal");
    expect(byTestId(container, "status-database")).toBe("Embedded PostgreSQL (PGlite)");
    expect(container.textContent).toContain("County drafts");
    expect(document.documentElement.lang).toBe("en");
  });
});
