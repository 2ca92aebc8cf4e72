// Test support for component tests (happy-dom): mounts a page
// with the i18n provider, a mocked API, a router and, when given, a signed-in viewer;
// waits for what the page shows; types and clicks as React expects.
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter, Routes } from "react-router";
import { I18nProvider } from "../app/i18n/I18nProvider.js";
import { ViewerContext, type Viewer } from "../app/session/viewer.js";
import type { OrgLevel } from "../graphql/generated/graphql.js";

const mounted: Root[] = [];

export function setUpReactTests(): void {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
}

export function unmountAll(): void {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
}

export const unit = (code: string, nameZh: string, nameEn: string, level: OrgLevel) => ({
  __typename: "OrgUnitRef" as const,
  id: `id-${code}`,
  code,
  nameZh,
  nameEn,
  level,
});

export function viewerOf(role: string, overrides: Partial<Viewer> = {}): Viewer {
  const hq = unit("HQ", "营销总部", "Marketing HQ", "HQ");
  return {
    __typename: "User",
    id: "viewer-1",
    login: "hq.admin",
    displayName: "总部管理员",
    locale: "zh-CN",
    roleAssignments: [{ __typename: "UserRoleAssignment", role, orgUnit: hq, orgUnitPath: [hq] }],
    ...overrides,
  } as Viewer;
}

export interface RenderOptions {
  readonly path: string;
  /** <Route> elements. */
  readonly routes: ReactNode;
  readonly mocks?: MockLink.MockedResponse[];
  readonly viewer?: Viewer;
}

export async function render({ path, routes, mocks = [], viewer }: RenderOptions): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const page = (
    <MemoryRouter initialEntries={[path]}>
      <Routes>{routes}</Routes>
    </MemoryRouter>
  );
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={mocks}>
          {viewer ? <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider> : page}
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return container;
}

/**
 * How long a wait gives the page before it fails: a bound on liveness, not a speed check
 * (CI machines run the suite with other work; a page that never shows fails all the same).
 */
const WAIT_LIMIT_MS = 15_000;

/** Lets timers, promises and React run for `ms`. */
export async function settle(ms = 10): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)));
}

export async function waitUntil(what: string, predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await settle();
  }
}

export async function waitForText(root: ParentNode, text: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!root.textContent?.includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear; the page shows: ${root.textContent}`);
    await settle();
  }
}

export async function waitForSelector<E extends Element = HTMLElement>(root: ParentNode, selector: string): Promise<E> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const found = root.querySelector<E>(selector);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear; the page shows: ${root.textContent}`);
    await settle();
  }
}

/** The input, select or textarea whose <label> says `label`. */
export function fieldByLabel<E extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string): E {
  const found = [...root.querySelectorAll("label")].find((element) => element.textContent === label);
  const id = found?.getAttribute("for");
  const field = id ? document.getElementById(id) : null;
  if (!field) throw new Error(`no field labelled "${label}"`);
  return field as E;
}

export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    // React tracks the value through the prototype's setter.
    Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, "value")?.set?.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(window.HTMLSelectElement.prototype, "value")?.set?.call(select, value);
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error("nothing to click");
  await act(async () => element.click());
}

export function buttonByText(root: ParentNode, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll("button")].find((button) => button.textContent === text);
  if (!found) throw new Error(`no button "${text}"; the page shows: ${root.textContent}`);
  return found;
}

/** The field errors shown, by the name of the field they describe. */
export function fieldErrors(root: ParentNode): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of root.querySelectorAll<HTMLElement>("[aria-describedby]")) {
    const name = field.getAttribute("name") ?? field.tagName.toLowerCase();
    for (const id of field.getAttribute("aria-describedby")?.split(" ") ?? []) {
      const described = document.getElementById(id);
      if (described?.dataset["testid"] === "field-error") errors[name] = described.textContent ?? "";
    }
  }
  return errors;
}
