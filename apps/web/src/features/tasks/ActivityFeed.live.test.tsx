// @vitest-environment happy-dom
// The home page's activity feed is live (app/live.ts): on fake timers, it asks again every
// LIVE_POLL_MS while the tab is visible, not at all while it is hidden, and at once when the
// tab is shown again. Each mocked answer is used once: a request the test did not expect
// fails the feed ("动态加载失败"), so "no request while hidden" is checked too.
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { Route } from "react-router";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LIVE_POLL_MS } from "../../app/live.js";
import { render, setUpReactTests, unmountAll } from "../../testing/render.js";
import { ACTIVITY_PAGE_SIZE, ActivityFeed, MY_ACTIVITY_QUERY } from "./ActivityFeed.js";

beforeAll(setUpReactTests);

let visibility: DocumentVisibilityState = "visible";
beforeEach(() => {
  visibility = "visible";
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
  vi.useFakeTimers();
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

const item = (id: string, action: string, detail: string) => ({
  __typename: "ActivityItem",
  kind: "WORKFLOW",
  id,
  at: "2026-11-29T06:05:00.000Z",
  action,
  detail,
  unit: { __typename: "OrgUnitRef", id: "id-CONGHUA", code: "CONGHUA", nameZh: "从化县", nameEn: "Conghua" },
  actor: { __typename: "PlanEditor", id: "u-1", displayName: "李四" },
});
const answer = (...nodes: unknown[]): MockLink.MockedResponse => ({
  request: { query: MY_ACTIVITY_QUERY, variables: { cycleId: "c1", first: ACTIVITY_PAGE_SIZE } },
  result: {
    data: { myActivity: { __typename: "ActivityFeed", totalCount: nodes.length, nextCursor: null, nodes, deadlines: [] } },
  },
});

/** Moves the fake clock on, letting promises and React run. */
const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const items = (root: HTMLElement) =>
  [...root.querySelectorAll("[data-testid=activity-item]")].map((element) => element.textContent ?? "");

describe("ActivityFeed, live", () => {
  it("polls while visible, not while hidden, and reads again when shown", async () => {
    const first = item("1", "SUBMIT", "第一次提交");
    const returned = item("2", "RETURN", "费用率过高");
    const approved = item("3", "APPROVE", "同意");
    const root = await render({
      path: "/",
      routes: <Route path="/" element={<ActivityFeed cycleId="c1" />} />,
      mocks: [answer(first), answer(returned, first), answer(approved, returned, first)],
    });
    await tick(100);
    expect(items(root)).toHaveLength(1);

    // Nothing new before the interval; the return shows after it.
    await tick(LIVE_POLL_MS - 1_000);
    expect(items(root)).toHaveLength(1);
    await tick(1_100);
    expect(items(root).map((text) => text.includes("费用率过高"))).toEqual([true, false]);

    // Hidden: several intervals pass without a request (an unexpected one would fail the feed).
    visibility = "hidden";
    document.dispatchEvent(new Event("visibilitychange"));
    await tick(LIVE_POLL_MS * 3);
    expect(items(root)).toHaveLength(2);
    expect(root.textContent).not.toContain("加载失败");

    // Shown again: read at once, without waiting for the next interval.
    visibility = "visible";
    document.dispatchEvent(new Event("visibilitychange"));
    await tick(100);
    expect(items(root)).toHaveLength(3);
    expect(items(root)[0]).toContain("同意");
  });
});
