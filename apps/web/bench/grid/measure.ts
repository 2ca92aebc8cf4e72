// In the page: mounts one grid and records how long it took until the first
// row's cells are in the DOM (readyMs) and until the frame that shows them has
// been painted (paintMs), from just before root.render. The result goes to
// window.__gridBench for run.ts to read.
import type { ReactNode } from "react";
import { createRoot } from "react-dom/client";

export interface BenchResult {
  readonly readyMs: number;
  readonly paintMs: number;
  /** Elements in the document once painted: what virtualisation saves. */
  readonly domElements: number;
}

declare global {
  interface Window {
    __gridBench?: BenchResult | { error: string };
  }
}

/** Renders `element` into #root and resolves once `ready()` holds and a frame has been painted. */
export function measureRender(element: ReactNode, ready: (root: HTMLElement) => boolean): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("no #root");
  let readyAt = 0;
  const done = () => {
    // A rAF callback runs before the paint; a task queued from it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const paintMs = performance.now() - start;
        window.__gridBench = { readyMs: readyAt - start, paintMs, domElements: document.getElementsByTagName("*").length };
      }, 0),
    );
  };
  const observer = new MutationObserver(() => {
    if (readyAt === 0 && ready(container)) {
      readyAt = performance.now();
      observer.disconnect();
      done();
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true });
  const start = performance.now();
  createRoot(container).render(element);
  setTimeout(() => {
    if (readyAt === 0) window.__gridBench = { error: `not ready after 30 s: ${container.innerHTML.slice(0, 300)}` };
  }, 30_000);
}
