// User administration and the user's own settings in a real browser against the
// real server and the demo company (docs/demo-company.md; password demo1234):
// hq.admin creates a county planner, who signs in and changes their password; a
// reset shows a temporary password once; hq.admin deactivates them and they can no
// longer sign in. And a language chosen in one browser is the language of the
// next sign-in in another. axe-core checks each new page and dialog.
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("users and account");
const PASSWORD = "demo1234";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Signs in on the sign-in page, which is in Chinese in a fresh browser. */
async function signIn(page: Page, login: string, password = PASSWORD) {
  await page.getByLabel("登录名", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** The answer to the next setMyLocale request the page sends. */
const localeSaved = (page: Page) =>
  page.waitForResponse(
    (response) => response.url().endsWith("/graphql") && (response.request().postData() ?? "").includes("SetMyLocale"),
  );

const accountMenu = (page: Page) => page.locator('button[aria-haspopup="menu"]');

async function chooseFromAccountMenu(page: Page, item: string) {
  await accountMenu(page).click();
  await page.getByRole("menuitem", { name: item }).click();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe.skipIf(skipReason !== undefined)("users and account", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function freshPage(): Promise<Page> {
    const context = await harness.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(harness.baseUrl);
    await page.getByRole("button", { name: "登录", exact: true }).waitFor();
    return page;
  }

  it("hq.admin creates a county planner, who signs in and changes their password; a reset password is shown once; once deactivated they cannot sign in", async () => {
    const admin = await freshPage();
    await signIn(admin, "hq.admin");
    await admin.getByRole("heading", { name: "我的待办" }).waitFor();

    // The account menu, open, from the keyboard.
    await accountMenu(admin).focus();
    await admin.keyboard.press("ArrowDown");
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("修改密码");
    expect(await admin.getByRole("menuitem").allTextContents()).toEqual(["修改密码", "用户", "计划周期", "退出登录"]);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.keyboard.press("ArrowDown");
    await admin.keyboard.press("Enter");
    await admin.getByRole("heading", { name: "用户", exact: true }).waitFor();
    expect(pathOf(admin)).toBe("/users");
    await admin.locator('[data-testid="user-row"][data-login="hq.admin"]').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);

    // The form asks for what is missing before sending anything.
    await admin.getByRole("link", { name: "新建用户" }).click();
    await admin.getByRole("heading", { name: "新建用户" }).waitFor();
    await admin.getByRole("button", { name: "创建用户" }).click();
    await admin.getByText("请修改标出的内容。").waitFor();
    expect(await admin.getByTestId("field-error").allTextContents()).toEqual([
      "请填写此项。",
      "请填写姓名。",
      "请选择单位。",
      "请至少选择一个角色。",
      "请填写此项。",
    ]);
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByLabel("登录名", { exact: true }).fill("chen.jing");
    await admin.getByLabel("姓名", { exact: true }).fill("陈静");
    await admin.getByLabel("查找单位（编码或名称）").fill("从化");
    const unitSelect = admin.getByRole("combobox", { name: "单位", exact: true });
    // The search narrows the list to the one unit.
    await admin.waitForFunction(() => {
      const select = document.querySelector<HTMLSelectElement>('select[name="orgUnit"]');
      return select?.options.length === 2;
    });
    await unitSelect.selectOption({ label: "从化区市场部 (CONGHUA) · 县级市场部" });
    await admin.getByRole("checkbox", { name: "编制人" }).check();
    await admin.getByLabel("初始密码").fill("welcome-2027");
    await admin.getByRole("button", { name: "创建用户" }).click();
    await admin.getByText("已创建用户 chen.jing。").waitFor();
    expect(pathOf(admin)).toBe("/users");
    const row = admin.locator('[data-testid="user-row"][data-login="chen.jing"]');
    expect(await row.locator("td").nth(1).textContent()).toBe("从化区市场部 (CONGHUA) · 编制人");
    expect(await row.locator("td").nth(3).textContent()).toBe("启用");

    // The new planner, in another browser: signs in, sees their county's task, changes the password.
    const planner = await freshPage();
    await signIn(planner, "chen.jing", "welcome-2027");
    const task = planner.getByTestId("task-row");
    await task.waitFor();
    expect(await task.getByRole("link").textContent()).toBe("从化区市场部");
    expect(await planner.getByTestId("viewer-roles").textContent()).toBe("从化区市场部 · 编制人");
    await chooseFromAccountMenu(planner, "修改密码");
    await planner.getByRole("heading", { name: "修改密码" }).waitFor();
    expect(pathOf(planner)).toBe("/account/password");
    await planner.getByLabel("当前密码").fill("welcome-2027");
    await planner.getByLabel("新密码", { exact: true }).fill("chen-own-pass-1");
    await planner.getByLabel("再次输入新密码").fill("chen-own-pass-2");
    await planner.getByRole("button", { name: "修改密码" }).click();
    await planner.getByText("两次输入的新密码不一致。").waitFor();
    expect(await seriousViolations(planner)).toEqual([]);
    await planner.getByLabel("再次输入新密码").fill("chen-own-pass-1");
    await planner.getByRole("button", { name: "修改密码" }).click();
    await planner.getByText("密码已修改。您在其他浏览器和设备上的登录已结束。").waitFor();
    expect(await seriousViolations(planner)).toEqual([]);

    await chooseFromAccountMenu(planner, "退出登录");
    await planner.getByText("您已退出登录。").waitFor();
    await signIn(planner, "chen.jing", "welcome-2027");
    expect(await planner.getByRole("alert").textContent()).toBe("登录名或密码不正确。");
    await signIn(planner, "chen.jing", "chen-own-pass-1");
    await planner.getByTestId("task-row").waitFor();

    // The admin resets the password: asked once, the temporary password shown once; it works.
    await row.getByRole("button", { name: "重置密码" }).click();
    const confirmReset = admin.getByTestId("reset-dialog");
    await confirmReset.waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("取消");
    await confirmReset.getByRole("button", { name: "重置密码" }).click();
    const shown = admin.getByTestId("temporary-password");
    await shown.waitFor();
    const temporary = (await shown.textContent()) ?? "";
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole("button", { name: "完成" }).click();
    await shown.waitFor({ state: "detached" });
    expect(await admin.content()).not.toContain(temporary);

    // The reset ended the planner's session: their next page asks them to sign in again.
    await planner.getByRole("link", { name: "组织金字塔" }).click();
    await planner.getByText("登录已过期，请重新登录。").waitFor();
    await signIn(planner, "chen.jing", temporary);
    await planner.locator('[data-testid="tree-row"][data-code="CONGHUA"]').waitFor();

    // Deactivating asks once, saying what happens; then the planner is out and cannot come back.
    await row.getByRole("button", { name: "停用" }).click();
    const confirmDeactivate = admin.getByTestId("deactivate-dialog");
    await confirmDeactivate.waitFor();
    expect(await confirmDeactivate.textContent()).toContain("陈静（chen.jing）将无法再登录，正在使用的登录立即结束。");
    expect(await seriousViolations(admin)).toEqual([]);
    await confirmDeactivate.getByRole("button", { name: "停用" }).click();
    await admin.getByText("已停用 陈静，其登录已结束。").waitFor();
    expect(await row.locator("td").nth(3).textContent()).toBe("已停用");
    expect(await row.getByRole("button").count()).toBe(0);

    await planner.getByRole("link", { name: "我的待办" }).click();
    await planner.getByText("登录已过期，请重新登录。").waitFor();
    await signIn(planner, "chen.jing", temporary);
    expect(await planner.getByRole("alert").textContent()).toBe("登录名或密码不正确。");
    expect(pathOf(planner)).toBe("/login");
  });

  it("a language chosen in one browser is the language of the next sign-in in another", async () => {
    const first = await freshPage();
    await signIn(first, "zengcheng.planner");
    await first.getByRole("heading", { name: "我的待办" }).waitFor();
    const saved = localeSaved(first);
    await first.getByRole("button", { name: "English" }).click();
    expect((await saved).ok()).toBe(true);
    await first.getByRole("heading", { name: "My tasks" }).waitFor();
    await accountMenu(first).click();
    expect(await first.getByRole("menuitem").allTextContents()).toEqual(["Change password", "Sign out"]);
    expect(await seriousViolations(first)).toEqual([]);
    await first.getByRole("menuitem", { name: "Sign out" }).click();
    await first.getByText("You have signed out.").waitFor();

    // A fresh browser profile: nothing kept locally, the sign-in page in Chinese.
    const second = await freshPage();
    expect(await second.getAttribute("html", "lang")).toBe("zh-CN");
    await signIn(second, "zengcheng.planner");
    await second.getByRole("heading", { name: "My tasks" }).waitFor();
    expect(await second.getAttribute("html", "lang")).toBe("en");
    expect(await second.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");

    await chooseFromAccountMenu(second, "Change password");
    await second.getByRole("heading", { name: "Change password" }).waitFor();
    expect(await seriousViolations(second)).toEqual([]);
    // Back to Chinese from here: a third browser then signs in to Chinese.
    const savedAgain = localeSaved(second);
    await second.getByRole("button", { name: "中文" }).click();
    expect((await savedAgain).ok()).toBe(true);
    await second.getByRole("heading", { name: "修改密码" }).waitFor();
    const third = await freshPage();
    await signIn(third, "zengcheng.planner");
    await third.getByRole("heading", { name: "我的待办" }).waitFor();
    expect(await third.getAttribute("html", "lang")).toBe("zh-CN");
  });
});
