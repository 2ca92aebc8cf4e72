// In the page: mounts one grid and records how long it took until the first
// row's cells are in the DOM (readyMs) and until the frame that shows them has
// been painted (paintMs), from just before root.render. Then, optionally, a
// few interactions, each timed from the event to the painted frame that shows
// its effect. The result goes to window.__gridBench for run.ts to read.
import type { ReactNode } from "react";
import { createRoot } from "react-dom/client";

export interface BenchResult {
  readonly readyMs: number;
  readonly paintMs: number;
  /** Elements in the document once painted: what virtualisation saves. */
  readonly domElements: number;
  /** Milliseconds from each interaction's event to the painted frame that shows it. */
  readonly interactions: Readonly<Record<string, number>>;
}

/** Something a user does once the grid is shown: `run` dispatches the events, `done` says the DOM shows the effect. */
export interface Interaction {
  readonly name: string;
  /** Run before the clock starts, a frame ahead (selecting the cell to type into, say). */
  readonly prepare?: (root: HTMLElement) => void;
  readonly run: (root: HTMLElement) => void;
  readonly done: (root: HTMLElement) => boolean;
}

declare global {
  interface Window {
    __gridBench?: BenchResult | { error: string };
  }
}

/** Resolves once `done()` holds (checked on every DOM change) and the frame after it has been painted. */
function painted(root: HTMLElement, done: () => boolean): Promise<{ readyAt: number; paintedAt: number }> {
  return new Promise((resolve, reject) => {
    let readyAt = 0;
    const finish = () => {
      readyAt = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      // A rAF callback runs before the paint; a task queued from it runs after.
      requestAnimationFrame(() => setTimeout(() => resolve({ readyAt, paintedAt: performance.now() }), 0));
    };
    const observer = new MutationObserver(() => {
      if (readyAt === 0 && done()) finish();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`not done after 30 s: ${root.innerHTML.slice(0, 300)}`));
    }, 30_000);
    queueMicrotask(() => {
      if (readyAt === 0 && done()) finish();
    });
  });
}

/** Renders `element` into #root, times its first paint, then each interaction in turn. */
export function measureRender(
  element: ReactNode,
  ready: (root: HTMLElement) => boolean,
  interactions: readonly Interaction[] = [],
): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("no #root");
  const run = async (): Promise<BenchResult> => {
    const start = performance.now();
    const first = painted(container, () => ready(container));
    createRoot(container).render(element);
    const { readyAt, paintedAt } = await first;
    const domElements = document.getElementsByTagName("*").length;
    const timings: Record<string, number> = {};
    for (const interaction of interactions) {
      if (interaction.prepare) {
        interaction.prepare(container);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      const from = performance.now();
      const shown = painted(container, () => interaction.done(container));
      interaction.run(container);
      timings[interaction.name] = (await shown).paintedAt - from;
    }
    return { readyMs: readyAt - start, paintMs: paintedAt - start, domElements, interactions: timings };
  };
  run().then(
    (result) => (window.__gridBench = result),
    (error: unknown) => (window.__gridBench = { error: error instanceof Error ? error.message : String(error) }),
  );
}
