// @vitest-environment happy-dom
// The language switch keeps a signed-in user's choice on the server (setMyLocale),
// and only theirs; the interface switches at once whatever the server says.
import type { MockLink } from "@apollo/client/testing";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonByText, click, render, setUpReactTests, settle, unmountAll, viewerOf, waitForText } from "../testing/render.js";
import type { Viewer } from "./session/viewer.js";
import { SET_MY_LOCALE_MUTATION } from "./session/session-documents.js";
import { LanguageSwitch } from "./LanguageSwitch.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

/** A setMyLocale mock that records the locales sent. */
function recordingMock(sent: string[], fail = false): MockLink.MockedResponse {
  return {
    request: {
      query: SET_MY_LOCALE_MUTATION,
      variables: (variables) => {
        sent.push((variables as { input: { locale: string } }).input.locale);
        return true;
      },
    },
    ...(fail
      ? { error: new TypeError("Failed to fetch") }
      : {
          result: {
            data: { setMyLocale: { __typename: "SetMyLocalePayload", me: { __typename: "User", id: "viewer-1", locale: "en" } } },
          },
        }),
  };
}

async function renderSwitch(viewer: Viewer | undefined, mocks: MockLink.MockedResponse[]) {
  return render({ path: "/", routes: <Route path="/" element={<LanguageSwitch />} />, mocks, ...(viewer ? { viewer } : {}) });
}

describe("LanguageSwitch", () => {
  it("signed in: switches at once and keeps the choice with the user", async () => {
    const sent: string[] = [];
    const container = await renderSwitch(viewerOf("PLANNER"), [recordingMock(sent)]);
    await click(buttonByText(container, "English"));
    expect(document.documentElement.lang).toBe("en");
    expect(window.localStorage.getItem("pyramid.locale")).toBe("en");
    expect(buttonByText(container, "English").getAttribute("aria-pressed")).toBe("true");
    await settle(50);
    expect(sent).toEqual(["en"]);
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it("signed out: keeps the choice in this browser only", async () => {
    const sent: string[] = [];
    const container = await renderSwitch(undefined, [recordingMock(sent)]);
    await click(buttonByText(container, "English"));
    await settle(50);
    expect(document.documentElement.lang).toBe("en");
    expect(sent).toEqual([]);
  });

  it("sends nothing when the user already has that language", async () => {
    const sent: string[] = [];
    const container = await renderSwitch(viewerOf("PLANNER", { locale: "en" }), [recordingMock(sent)]);
    await click(buttonByText(container, "English"));
    await settle(50);
    expect(sent).toEqual([]);
  });

  it("says so when the choice could not be saved, and still switches", async () => {
    const sent: string[] = [];
    const container = await renderSwitch(viewerOf("PLANNER"), [recordingMock(sent, true)]);
    await click(buttonByText(container, "English"));
    await waitForText(container, "The language has changed, but it could not be saved to your account.");
    expect(document.documentElement.lang).toBe("en");
    expect(sent).toEqual(["en"]);
  });
});
