// @vitest-environment happy-dom
// The grid's comment marks: the target cells with comments (and those with an unresolved
// thread) and the sections, as keys, from the plan's markers.
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { render, setUpReactTests, unmountAll, waitForText } from "../../testing/render.js";
import { PLAN_COMMENT_MARKERS_QUERY } from "./comments-documents.js";
import { targetCellMarkKey, useCommentedCells } from "./useCommentedCells.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

function Probe() {
  const { cells, unresolved, sections } = useCommentedCells("plan-1");
  return (
    <p>
      {cells.size === 0
        ? "none"
        : `cells=${[...cells].join("|")} open=${[...unresolved].join("|")} sections=${[...sections].join("|")}`}
    </p>
  );
}

const marker = (kind: string, values: Record<string, unknown>, count: number, unresolvedThreads: number) => ({
  __typename: "CommentMarker",
  count,
  unresolvedThreads,
  anchor: {
    __typename: "CommentAnchor",
    kind,
    metricId: null,
    month: null,
    dimensionKey: null,
    sectionCode: null,
    key: "k",
    ...values,
  },
});

describe("useCommentedCells", () => {
  it("keys the commented target cells by metric, month and dimension key", async () => {
    expect(targetCellMarkKey("m", 3, "spec=a")).toBe("m:3:spec=a");
    const root = await render({
      path: "/",
      routes: <Route path="/" element={<Probe />} />,
      mocks: [
        {
          request: { query: PLAN_COMMENT_MARKERS_QUERY, variables: { planId: "plan-1" } },
          result: {
            data: {
              planCommentMarkers: [
                marker("SECTION", { sectionCode: "ENV_COMPETITION" }, 1, 1),
                marker("TARGET_CELL", { metricId: "m", month: 3, dimensionKey: "spec=a" }, 3, 0),
                marker("TARGET_CELL", { metricId: "m", month: 4, dimensionKey: "" }, 1, 1),
                marker("EXPENSE_CELL", { month: 2, dimensionKey: "" }, 1, 1),
              ],
            },
          },
        },
      ],
    });
    await waitForText(root, "cells=");
    expect(root.textContent).toBe("cells=m:3:spec=a|m:4: open=m:4: sections=ENV_COMPETITION");
  });
});
