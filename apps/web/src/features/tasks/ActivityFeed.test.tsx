// @vitest-environment happy-dom
// The home page's activity feed against a mocked API: deadline notices first, then the
// items newest first in words, and "more" pages on.
import type { MockLink } from "@apollo/client/testing";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonByText, click, render, setUpReactTests, unmountAll, waitForText, waitUntil } from "../../testing/render.js";
import { ACTIVITY_PAGE_SIZE, ActivityFeed, MY_ACTIVITY_QUERY } from "./ActivityFeed.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const unitRef = (code: string, nameZh: string) => ({ __typename: "OrgUnitRef", id: `id-${code}`, code, nameZh, nameEn: code });
const item = (id: string, action: string, at: string, actor: string | null, detail: string | null) => ({
  __typename: "ActivityItem",
  kind: action.startsWith("COMMENT") ? "COMMENT" : "WORKFLOW",
  id,
  at,
  action,
  detail,
  unit: unitRef("CONGHUA", "从化县"),
  actor: actor === null ? null : { __typename: "PlanEditor", id: `u-${actor}`, displayName: actor },
});

const page = (nodes: unknown[], nextCursor: string | null, deadlines: unknown[] = []) => ({
  data: { myActivity: { __typename: "ActivityFeed", totalCount: 3, nextCursor, nodes, deadlines } },
});

describe("ActivityFeed", () => {
  it("shows the deadlines, then what changed in words, and pages on", async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: MY_ACTIVITY_QUERY, variables: { cycleId: "c1", first: ACTIVITY_PAGE_SIZE } },
        result: page(
          [
            item("9", "COMMENT_ADDED", "2026-11-29T06:05:00.000Z", "李四", "请补充说明"),
            item("8", "RETURN", "2026-11-28T02:00:00.000Z", "王五", "费用率过高"),
          ],
          "next-1",
          [
            {
              __typename: "DeadlineNotice",
              dueOn: "2026-12-10",
              state: "PASSED",
              daysLeft: -5,
              unit: unitRef("CONGHUA", "从化县"),
            },
          ],
        ),
      },
      {
        request: { query: MY_ACTIVITY_QUERY, variables: { cycleId: "c1", first: ACTIVITY_PAGE_SIZE, after: "next-1" } },
        result: page([item("7", "SUBMIT", "2026-11-27T02:00:00.000Z", null, null)], null),
      },
    ];
    const root = await render({ path: "/", routes: <Route path="/" element={<ActivityFeed cycleId="c1" />} />, mocks });
    await waitForText(root, "请补充说明");
    expect(root.querySelector("[data-testid=deadline-notices]")?.textContent).toBe("从化县：截止日期 2026年12月10日 已过 5 天");
    const items = () => [...root.querySelectorAll("[data-testid=activity-item]")].map((element) => element.textContent);
    expect(items()).toEqual([
      "2026-11-29 14:05 李四 评论了 从化县：请补充说明",
      "2026-11-28 10:00 王五 退回修改 从化县：费用率过高",
    ]);
    await click(buttonByText(root, "更多"));
    await waitUntil("the next page", () => items().length === 3);
    expect(items()[2]).toBe("2026-11-27 10:00 系统 提交了 从化县");
  });
});
