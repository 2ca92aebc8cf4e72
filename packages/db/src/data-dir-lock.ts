import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { DatabaseOpenError } from "./errors.js";

/**
 * PGlite is single-process: two processes writing one data directory corrupt it.
 * The lock is a file beside the directory (`<dataDir>.lock`) naming the owner's PID.
 * A lock whose PID is dead (a crash, kill -9) is taken over.
 */
export interface DataDirLock {
  readonly lockPath: string;
  release(): void;
}

const lockFileSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  token: z.string(),
  acquiredAt: z.string(),
});
type LockFile = z.infer<typeof lockFileSchema>;

// Tokens of the locks this process holds. A lock file naming our own PID but a token not in
// here was left by an earlier process that had the same PID: in a container, the server is
// PID 1 (or 7) after every restart, so after a crash the PID alone would lock it out forever.
// Kept on globalThis so that every copy of this module in the process (test runners load
// modules afresh per file) shares it.
const heldTokensKey = Symbol.for("pyramid.db.heldDataDirLockTokens");
const heldTokens: Set<string> =
  ((globalThis as Record<symbol, unknown>)[heldTokensKey] as Set<string> | undefined) ??
  (((globalThis as Record<symbol, unknown>)[heldTokensKey] = new Set<string>()) as Set<string>);

export function lockPathFor(dataDir: string): string {
  // The real path of the parent, so a directory reached through a symlink gets the same lock.
  let parent = dirname(dataDir);
  try {
    parent = realpathSync(parent);
  } catch {
    // Not created yet: nothing can be open there either.
  }
  return join(parent, `${basename(dataDir)}.lock`);
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dirname(dataDir), { recursive: true });
  const lockPath = lockPathFor(dataDir);
  const mine: LockFile = { pid: process.pid, hostname: hostname(), token: randomUUID(), acquiredAt: new Date().toISOString() };

  // Two attempts: the second after removing a stale lock. If another process wins the
  // race for the stale lock in between, the second attempt fails and we report it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreateLockFile(lockPath, mine)) {
      heldTokens.add(mine.token);
      return {
        lockPath,
        release: () => {
          heldTokens.delete(mine.token);
          releaseIfOurs(lockPath, mine.token);
        },
      };
    }
    const holder = readLockFile(lockPath);
    if (holder === "missing") continue;
    if (holder !== "unreadable" && isHeldByLiveProcess(holder)) {
      const who = holder.pid === process.pid ? "this process (it is already open here)" : `process ${holder.pid}`;
      throw new DatabaseOpenError(
        "DATA_DIR_LOCKED",
        `The embedded database at ${dataDir} is in use by ${who} since ${holder.acquiredAt}. ` +
          `PGlite allows one process per data directory: stop the other process (the server, a migrate or seed run), ` +
          `or use another directory with PGLITE_DATA_DIR. Lock file: ${lockPath}.`,
      );
    }
    // Stale: its process is gone (or the file is garbage left by a crash mid-write).
    try {
      unlinkSync(lockPath);
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
    }
  }
  throw new DatabaseOpenError(
    "DATA_DIR_LOCKED",
    `The embedded database at ${dataDir} was locked by another process while we tried to take over a stale lock. ` +
      `Stop the other process, or remove ${lockPath} if you are sure nothing uses the directory.`,
  );
}

/** Atomic create-with-content: write a private temp file, then hard-link it to the lock path. */
function tryCreateLockFile(lockPath: string, content: LockFile): boolean {
  const tempPath = `${lockPath}.${content.token}.tmp`;
  writeFileSync(tempPath, JSON.stringify(content));
  try {
    linkSync(tempPath, lockPath);
    return true;
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    throw error;
  } finally {
    unlinkSync(tempPath);
  }
}

function readLockFile(lockPath: string): LockFile | "missing" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return "missing";
    throw error;
  }
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : "unreadable";
  } catch {
    return "unreadable";
  }
}

function isHeldByLiveProcess(holder: LockFile): boolean {
  // A PID from another machine (shared network drive) cannot be checked: assume alive.
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return heldTokens.has(holder.token);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrno(error, "EPERM");
  }
}

function releaseIfOurs(lockPath: string, token: string): void {
  const holder = readLockFile(lockPath);
  if (typeof holder === "object" && holder.token === token) {
    try {
      unlinkSync(lockPath);
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
    }
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
