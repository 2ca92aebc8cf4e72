import type { Database } from "./open-database.js";

export interface ShutdownOptions {
  /** Runs first, e.g. stop accepting HTTP requests and drain them. */
  beforeClose?: (signal: NodeJS.Signals) => Promise<void> | void;
  /** Exit after closing (default true). Exit code 0 on a clean close, 1 if closing failed. */
  exit?: boolean;
  /** Give up and exit(1) if closing takes longer than this. Default 15 s. */
  timeoutMs?: number;
  /** Where progress goes; default console.error (stderr, so it does not mix with output). */
  log?: (line: string) => void;
}

/**
 * Closes the database on SIGINT / SIGTERM, then exits. An embedded PGlite that is not closed
 * can leave its data directory corrupt, so every long-running process should call this.
 * A second signal while closing is ignored (with a note) rather than cutting the close short.
 * Returns a function that removes the handlers.
 */
export function installShutdownHandlers(db: Pick<Database, "close" | "describe">, options: ShutdownOptions = {}): () => void {
  const log = options.log ?? ((line: string) => console.error(line));
  const exit = options.exit ?? true;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log(`[db] ${signal} received again: still closing ${db.describe}, please wait.`);
      return;
    }
    shuttingDown = true;
    log(`[db] ${signal} received: closing ${db.describe}.`);
    const timer = setTimeout(() => {
      log(`[db] closing ${db.describe} took over ${timeoutMs} ms; exiting anyway.`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();

    void (async () => {
      let exitCode = 0;
      try {
        await options.beforeClose?.(signal);
      } catch (error) {
        exitCode = 1;
        log(`[db] shutdown step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        await db.close();
        log(`[db] closed ${db.describe}.`);
      } catch (error) {
        exitCode = 1;
        log(`[db] closing ${db.describe} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      clearTimeout(timer);
      if (exit) process.exit(exitCode);
    })();
  };

  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
