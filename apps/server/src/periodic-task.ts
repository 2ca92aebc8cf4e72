// A background chore the server repeats while it runs (purging expired sessions and
// old login attempts): one run at a time, the next `intervalMs` after the previous
// one ended, errors handed to onError and the schedule kept, and stop() waits for a
// run in progress, so the database can be closed right after it.

export interface PeriodicTaskOptions {
  /** The pause between the end of one run and the start of the next (and before the first). */
  readonly intervalMs: number;
  /** A run that throws: the error is reported and the next run still comes. */
  readonly onError: (error: unknown) => void;
}

export interface PeriodicTask {
  /** No further runs; resolves when a run in progress has ended. */
  stop(): Promise<void>;
}

export function startPeriodicTask(run: () => Promise<unknown>, { intervalMs, onError }: PeriodicTaskOptions): PeriodicTask {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<void> => {
    try {
      await run();
    } catch (error) {
      onError(error);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(schedule);
    }, intervalMs);
    // A pending run never keeps the process alive on its own.
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
