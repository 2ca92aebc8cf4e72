// Which cells of a plan have comments, for the grid's corner marks: a set of
// "<metricId>:<month>:<dimensionKey>" keys (targetCellMarkKey), from planCommentMarkers.
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { PLAN_COMMENT_MARKERS_QUERY } from "./comments-documents.js";

/** The key the grid looks a target cell up by. */
export function targetCellMarkKey(metricId: string, month: number, dimensionKey: string): string {
  return `${metricId}:${month}:${dimensionKey}`;
}

export interface CommentedCells {
  /** Target cells with any comment. */
  readonly cells: ReadonlySet<string>;
  /** Target cells with an unresolved thread. */
  readonly unresolved: ReadonlySet<string>;
  /** Section codes with any comment. */
  readonly sections: ReadonlySet<string>;
}

const NONE: CommentedCells = { cells: new Set(), unresolved: new Set(), sections: new Set() };

export function useCommentedCells(planId: string | null | undefined): CommentedCells {
  const { data } = useQuery(PLAN_COMMENT_MARKERS_QUERY, {
    variables: { planId: planId ?? "" },
    skip: !planId,
    fetchPolicy: "cache-and-network",
  });
  return useMemo(() => {
    if (!data) return NONE;
    const cells = new Set<string>();
    const unresolved = new Set<string>();
    const sections = new Set<string>();
    for (const marker of data.planCommentMarkers) {
      const { anchor } = marker;
      if (anchor.kind === "TARGET_CELL" && anchor.metricId && anchor.month != null && anchor.dimensionKey != null) {
        const key = targetCellMarkKey(anchor.metricId, anchor.month, anchor.dimensionKey);
        cells.add(key);
        if (marker.unresolvedThreads > 0) unresolved.add(key);
      } else if (anchor.kind === "SECTION" && anchor.sectionCode) sections.add(anchor.sectionCode);
    }
    return { cells, unresolved, sections };
  }, [data]);
}
