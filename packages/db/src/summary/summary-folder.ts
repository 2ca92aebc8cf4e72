// Folds the summary's pending deltas in the background, so that readers add up few of them.
// Reads are exact either way (they add the pending deltas); folding only keeps them fast.
import type { DataAccess } from "../repositories/data-access.js";

export interface SummaryFolderOptions {
  /** Pause between rounds. */
  readonly intervalMs?: number;
  /** Deltas per fold transaction; a full batch is followed at once by another. */
  readonly batch?: number;
  readonly onError?: (error: unknown) => void;
}

export interface SummaryFolder {
  /** Stops after the round in progress, if any. */
  stop(): Promise<void>;
}

export function startSummaryFolder(dataAccess: DataAccess, options: SummaryFolderOptions = {}): SummaryFolder {
  const intervalMs = options.intervalMs ?? 2_000;
  const batch = options.batch ?? 20_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async (): Promise<void> => {
    try {
      while (!stopped) {
        const folded = await dataAccess.inTransaction((repositories) => repositories.targetSummary.fold(batch));
        if (folded < batch) break;
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
