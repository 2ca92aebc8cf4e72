// Browser-test harness: a fresh database with the demo company, the real
// server (createApp) on a free port serving the real web build, and headless
// Chromium. It builds
// nothing: the web app must already be built (pnpm test:e2e does it).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { seedDemoCompany } from "@pyramid/db";
import { createApp, type App } from "../apps/server/src/app.js";
import { createTestDatabase, type TestDatabase } from "@pyramid/db/testing";
import { browserSkipReason, chromiumPath } from "./browser.js";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const WEB_DIST_DIR = join(REPO_ROOT, "apps/web/dist");
export const CHROMIUM_PATH = chromiumPath();
export const VIEWPORT = { width: 1280, height: 800 } as const;
/** The common office laptop (docs/UI.md): the README's screenshots are taken at this size. */
export const LAPTOP_VIEWPORT = { width: 1366, height: 768 } as const;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Call at the top of an *.e2e.ts file: prints why its suite is skipped (throws under CI=true). */
export function announceSkip(suite: string): string | undefined {
  const reason = browserSkipReason();
  if (reason) console.warn(`[e2e] skipping "${suite}": ${reason}`);
  return reason;
}

export interface Harness {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly db: TestDatabase;
  readonly browser: Browser;
  /** A fresh browser profile (own localStorage, cookies) sized like a laptop screen (or `viewport`). */
  newContext(options?: {
    readonly locale?: string;
    readonly viewport?: { readonly width: number; readonly height: number };
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(WEB_DIST_DIR, "index.html"))) {
    throw new Error(`The web app is not built (no ${WEB_DIST_DIR}/index.html): run pnpm --filter @pyramid/web build`);
  }
  const db = await createTestDatabase();
  let app: App | undefined;
  let browser: Browser | undefined;
  try {
    // The same data a first `pnpm start` shows, from the same seed.
    await seedDemoCompany(db.prisma);
    app = createApp({ dataAccess: db.dataAccess, webDistDir: WEB_DIST_DIR });
    const { port } = await app.listen(0, "127.0.0.1");
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const startedApp = app;
    const startedBrowser = browser;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db,
      browser: startedBrowser,
      newContext: (options = {}) =>
        startedBrowser.newContext({ viewport: options.viewport ?? VIEWPORT, locale: options.locale ?? "zh-CN" }),
      async close() {
        await startedBrowser.close().catch(() => undefined);
        await startedApp.close();
        await db.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db.close();
    throw error;
  }
}
