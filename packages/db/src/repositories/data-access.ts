// What the server gets of the database: repositories for reads, and one
// transaction boundary for changes. Never the Prisma client.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "../../generated/client/index.js";
import { createRepositories, type Repositories } from "./create-repositories.js";

export interface TransactionOptions {
  /** Longest a transaction may run before Prisma rolls it back. Includes time spent
   * waiting for a row lock another transaction holds. */
  readonly timeoutMs?: number;
  /** Longest to wait for a connection to start the transaction on (PostgreSQL pool). */
  readonly maxWaitMs?: number;
}

// Prisma's defaults (5 s, 2 s) are short for a cell save that rolls up a county's grid
// while a reviewer holds the same plan's lock; 30 s still ends a transaction left hanging.
export const DEFAULT_TRANSACTION_OPTIONS: Required<TransactionOptions> = { timeoutMs: 30_000, maxWaitMs: 10_000 };

export interface DataAccess {
  readonly kind: "pglite" | "postgres";
  /** Human-readable: where the data lives (never contains a password). */
  readonly describe: string;
  /** Repositories on the shared client, for reads outside a transaction. */
  readonly repositories: Repositories;
  /**
   * Runs `work` in one interactive transaction with repositories bound to it: committed
   * when `work` resolves, rolled back when it throws (the error is re-thrown as it is).
   * Inside `work`, use only the repositories it receives: on PGlite the shared ones wait
   * for this transaction to end, so using them would stall until the timeout.
   */
  inTransaction<T>(work: (repositories: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** inTransaction was called from inside another transaction's work. */
export class NestedTransactionError extends Error {
  constructor() {
    super("inTransaction was called inside another transaction's work: use the repositories that work receives.");
    this.name = "NestedTransactionError";
  }
}

export function createDataAccess(prisma: PrismaClient, kind: DataAccess["kind"], describe: string): DataAccess {
  // A transaction opened inside another's work would not see its writes, and on PGlite it
  // would wait for it forever (the queue below): refuse it at once.
  const insideWork = new AsyncLocalStorage<true>();
  // PGlite is one connection: its transactions already run one at a time, but a second one
  // would wait inside Prisma's start (and fail after maxWait). Queue them here instead, so
  // a transaction's clock starts when it really starts.
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(run: () => Promise<T>): Promise<T> => {
    if (kind !== "pglite") return run();
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    kind,
    describe,
    repositories: createRepositories(prisma),
    inTransaction(work, options = {}) {
      if (insideWork.getStore()) return Promise.reject(new NestedTransactionError());
      const { timeoutMs, maxWaitMs } = { ...DEFAULT_TRANSACTION_OPTIONS, ...options };
      return serialise(() =>
        prisma.$transaction((transaction) => insideWork.run(true, () => work(createRepositories(transaction))), {
          timeout: timeoutMs,
          maxWait: maxWaitMs,
        }),
      );
    },
  };
}
