// Live updates without a socket. The queries that show what happens elsewhere — my tasks, the
// activity feed on home, a plan's comments, objections and activity — poll every LIVE_POLL_MS
// while the tab is visible (no requests from a hidden tab), read again as soon as the tab is
// shown again, and are refetched after the viewer's own mutations (LIVE_QUERIES, by operation
// name: Apollo refetches only the ones mounted, so a mutation costs nothing for screens not open).
import { useEffect, useRef } from "react";

/** How often a visible tab asks again (the server's reads are cheap: one page of each). */
export const LIVE_POLL_MS = 30_000;

/** The live queries' operation names, for a mutation's `refetchQueries`. */
export const LIVE_QUERIES: readonly string[] = ["MyTasks", "MyActivity", "PlanActivity", "PlanComments", "PlanObjections"];

/** True while the page is in a background tab or a minimised window. */
export function tabHidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}

/**
 * useQuery options for a live query: polled while visible. `paused` (for example, more than the
 * first page loaded, which a poll of the first page would fold away) stops the polling too.
 */
export function livePolling(paused: () => boolean = () => false) {
  return { pollInterval: LIVE_POLL_MS, skipPollAttempt: () => tabHidden() || paused() } as const;
}

/** Calls `refetch` when the tab is shown again (what changed while it was hidden, at once). */
export function useRefetchWhenShown(refetch: () => Promise<unknown>, enabled = true): void {
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (!enabled || typeof document === "undefined") return undefined;
    const onChange = () => {
      if (!tabHidden()) void latest.current().catch(() => undefined);
    };
    document.addEventListener("visibilitychange", onChange);
    return () => document.removeEventListener("visibilitychange", onChange);
  }, [enabled]);
}
