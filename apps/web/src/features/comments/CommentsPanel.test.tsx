// @vitest-environment happy-dom
// The comments panel against a mocked API: a cell's threads with replies, a reply sent
// with its thread's id, resolving a thread, and a blank comment stopped before sending.
import type { MockLink } from "@apollo/client/testing";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  click,
  fieldByLabel,
  render,
  setUpReactTests,
  unmountAll,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { act } from "react";
import {
  ADD_COMMENT_MUTATION,
  PLAN_COMMENTS_QUERY,
  PLAN_COMMENT_MARKERS_QUERY,
  SET_COMMENT_RESOLVED_MUTATION,
} from "./comments-documents.js";
import { CommentsPanel } from "./CommentsPanel.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const PLAN_ID = "plan-1";
const ANCHOR = { kind: "TARGET_CELL" as const, metricId: "m-sales", month: 3, dimensionKey: "spec=s1" };
const anchorOut = {
  __typename: "CommentAnchor",
  kind: "TARGET_CELL",
  sectionCode: null,
  metricId: "m-sales",
  itemId: null,
  month: 3,
  dimensionKey: "spec=s1",
  key: "TARGET:m-sales:3:spec=s1",
};

function comment(id: string, body: string, author: string, values: { parentId?: string; resolved?: boolean } = {}) {
  return {
    __typename: "Comment",
    id,
    planId: PLAN_ID,
    parentId: values.parentId ?? null,
    body,
    createdAt: "2026-11-29T06:05:00.000Z",
    resolved: values.resolved ?? false,
    resolvedAt: values.resolved ? "2026-11-29T07:00:00.000Z" : null,
    author: { __typename: "PlanEditor", id: `u-${author}`, displayName: author },
    resolvedBy: values.resolved ? { __typename: "PlanEditor", id: "u-李四", displayName: "李四" } : null,
    anchor: anchorOut,
  };
}

const variables = { planId: PLAN_ID, filter: { anchor: ANCHOR }, first: 50 };
const page = (threads: unknown[]) => ({
  data: { planComments: { __typename: "CommentThreadPage", totalCount: threads.length, nextCursor: null, nodes: threads } },
});
const listMock = (threads: unknown[]): MockLink.MockedResponse => ({
  request: { query: PLAN_COMMENTS_QUERY, variables },
  result: page(threads),
});
const markersMock: MockLink.MockedResponse = {
  request: { query: PLAN_COMMENT_MARKERS_QUERY, variables: { planId: PLAN_ID } },
  result: { data: { planCommentMarkers: [] } },
};

const ROOT = comment("c1", "3 月目标偏高，依据？", "李四");
const REPLY = comment("c2", "依据去年 3 月团购", "张三", { parentId: "c1" });

async function mount(mocks: MockLink.MockedResponse[]) {
  return render({
    path: "/",
    routes: <Route path="/" element={<CommentsPanel planId={PLAN_ID} anchor={ANCHOR} anchorLabel="销售额 · 3月" />} />,
    mocks,
  });
}

describe("CommentsPanel", () => {
  it("shows a cell's thread with its reply, and sends a reply with the thread's id", async () => {
    const NEW = comment("c3", "好的，已调整", "李四", { parentId: "c1" });
    const root = await mount([
      listMock([{ ...ROOT, replies: [REPLY] }]),
      {
        request: { query: ADD_COMMENT_MUTATION, variables: { input: { planId: PLAN_ID, parentId: "c1", body: "好的，已调整" } } },
        result: { data: { addComment: { __typename: "CommentPayload", comment: NEW } } },
      },
      listMock([{ ...ROOT, replies: [REPLY, NEW] }]),
      markersMock,
    ]);
    await waitForText(root, "3 月目标偏高，依据？");
    expect(root.textContent).toContain("依据去年 3 月团购");
    expect(root.textContent).toContain("位置: 销售额 · 3月");
    expect(root.textContent).toContain("2026-11-29 14:05");
    await click(buttonByText(root, "回复"));
    const box = fieldByLabel<HTMLTextAreaElement>(root, "回复");
    await act(async () => {
      Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, "value")?.set?.call(box, "好的，已调整");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await click(buttonByText(root, "发表回复"));
    const replies = () => root.querySelectorAll("[data-testid=comment-thread] .comments__replies li");
    await waitUntil("the reply is listed", () => replies().length === 2);
    expect(replies()[1]?.textContent).toContain("好的，已调整");
    // The reply box closes once the reply is written.
    expect(() => fieldByLabel(root, "回复")).toThrow();
  });

  it("resolves a thread, and stops a blank comment before sending it", async () => {
    const root = await mount([
      listMock([{ ...ROOT, replies: [] }]),
      {
        request: { query: SET_COMMENT_RESOLVED_MUTATION, variables: { input: { commentId: "c1", resolved: true } } },
        result: {
          data: { setCommentResolved: { __typename: "CommentPayload", comment: { ...ROOT, resolved: true, replies: [] } } },
        },
      },
      listMock([{ ...comment("c1", ROOT.body, "李四", { resolved: true }), replies: [] }]),
      markersMock,
    ]);
    await waitForText(root, "3 月目标偏高，依据？");
    await click(buttonByText(root, "标记已解决"));
    await waitForText(root, "已解决 · 李四");
    expect(buttonByText(root, "重新打开")).toBeTruthy();
    // Nothing is mocked for a blank comment: it must not be sent.
    await click(buttonByText(root, "发表"));
    await waitForText(root, "请先写点内容。");
  });
});
