// @vitest-environment happy-dom
// The account menu: the viewer's name, unit and role on its button; the menu
// button pattern from the keyboard (open on the first or last item, arrows, Home,
// End, Escape back to the button); users only for HQ administrators; sign-out.
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { click, render, setUpReactTests, unit, unmountAll, viewerOf, waitForText } from "../../testing/render.js";
import { LOGOUT_MUTATION } from "../session/session-documents.js";
import { AccountMenu } from "./AccountMenu.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const admin = viewerOf("HQ_ADMIN");
const planner = viewerOf("PLANNER", {
  login: "conghua.planner",
  displayName: "从化编制人",
  roleAssignments: [
    {
      role: "PLANNER",
      orgUnit: unit("CONGHUA", "从化区市场部", "Conghua market department", "COUNTY"),
      orgUnitPath: [unit("CONGHUA", "从化区市场部", "Conghua market department", "COUNTY")],
    },
  ],
});

async function renderMenu(viewer = admin, mocks: MockLink.MockedResponse[] = []) {
  return render({
    path: "/",
    routes: (
      <>
        <Route path="/" element={<AccountMenu />} />
        <Route path="/account/password" element={<p>password page</p>} />
        <Route path="/users" element={<p>users page</p>} />
        <Route path="/login" element={<p>login page</p>} />
      </>
    ),
    mocks,
    viewer,
  });
}

const menuButton = (container: HTMLElement) => {
  const button = container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
  if (!button) throw new Error("no menu button");
  return button;
};
const items = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[role="menuitem"]')];
const focused = () => document.activeElement?.textContent;

async function press(target: Element, key: string) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });
}

describe("AccountMenu", () => {
  it("names the viewer, their unit and role on a closed menu button", async () => {
    const container = await renderMenu(planner);
    const button = menuButton(container);
    expect(button.textContent).toBe("从化编制人从化区市场部 · 编制人");
    expect(button.querySelector('[data-testid="viewer-roles"]')?.textContent).toBe("从化区市场部 · 编制人");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(container.querySelector('[role="menu"]')).toBeNull();
  });

  it("opens from the keyboard on the first item, moves with the arrows, Home and End, and Escape returns to the button", async () => {
    const container = await renderMenu();
    const button = menuButton(container);
    await press(button, "ArrowDown");
    const menu = container.querySelector('[role="menu"]');
    expect(menu?.getAttribute("aria-labelledby")).toBe(button.id);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-controls")).toBe(menu?.id);
    expect(items(container).map((item) => item.textContent)).toEqual(["修改密码", "用户", "计划周期", "退出登录"]);
    expect(focused()).toBe("修改密码");
    // One tab stop: only the active item is in the tab order.
    expect(items(container).map((item) => item.tabIndex)).toEqual([0, -1, -1, -1]);

    await press(document.activeElement!, "ArrowDown");
    expect(focused()).toBe("用户");
    await press(document.activeElement!, "ArrowDown");
    expect(focused()).toBe("计划周期");
    await press(document.activeElement!, "ArrowDown");
    await press(document.activeElement!, "ArrowDown");
    expect(focused()).toBe("修改密码"); // wraps round
    await press(document.activeElement!, "ArrowUp");
    expect(focused()).toBe("退出登录");
    await press(document.activeElement!, "Home");
    expect(focused()).toBe("修改密码");
    await press(document.activeElement!, "End");
    expect(focused()).toBe("退出登录");

    await press(document.activeElement!, "Escape");
    expect(container.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("opens on the last item with ↑, and a planner's menu has no users item", async () => {
    const container = await renderMenu(planner);
    await press(menuButton(container), "ArrowUp");
    expect(items(container).map((item) => item.textContent)).toEqual(["修改密码", "退出登录"]);
    expect(focused()).toBe("退出登录");
  });

  it("goes to the page of the item chosen with Space, and closes", async () => {
    const container = await renderMenu();
    await press(menuButton(container), "Enter");
    await press(document.activeElement!, "ArrowDown");
    await press(document.activeElement!, " ");
    await waitForText(container, "users page");
  });

  it("closes on a click elsewhere", async () => {
    const container = await renderMenu();
    await click(menuButton(container));
    expect(container.querySelector('[role="menu"]')).not.toBeNull();
    await act(async () => {
      document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    });
    expect(container.querySelector('[role="menu"]')).toBeNull();
  });

  it("signs out and goes to the sign-in page saying so", async () => {
    let signedOut = false;
    const container = await renderMenu(admin, [
      {
        request: { query: LOGOUT_MUTATION },
        result: () => {
          signedOut = true;
          return { data: { logout: { __typename: "LogoutPayload", signedOut: true } } };
        },
      },
    ]);
    await click(menuButton(container));
    await click(items(container).find((item) => item.textContent === "退出登录"));
    await waitForText(container, "login page");
    expect(signedOut).toBe(true);
  });
});
