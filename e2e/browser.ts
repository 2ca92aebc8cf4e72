// Where the browser tests find Chromium, and whether they may skip without one.
// .ci/run applies the same rule (CHROMIUM_PATH, else /usr/bin/chromium).
import { existsSync } from "node:fs";

type Environment = Readonly<Record<string, string | undefined>>;

/** CHROMIUM_PATH when set and not empty, else Debian's /usr/bin/chromium (bash's ${CHROMIUM_PATH:-…}). */
export function chromiumPath(environment: Environment = process.env): string {
  return environment.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** CI=true (or 1): a run that must not pass by skipping. */
export function isCi(environment: Environment = process.env): boolean {
  const value = environment.CI?.trim().toLowerCase();
  return value === "true" || value === "1";
}

/** Why the browser suite cannot run here, or undefined when it can. A fresh
 * machine with only Node has no Chromium: the suite is then skipped, not failed,
 * except under CI=true, where a missing browser is an error (CI never passes by skipping). */
export function browserSkipReason(environment: Environment = process.env): string | undefined {
  const path = chromiumPath(environment);
  if (existsSync(path)) return undefined;
  const reason = `no Chromium at ${path} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`;
  if (isCi(environment)) throw new Error(`CI=true, so the browser tests may not be skipped, but there is ${reason}.`);
  return reason;
}
