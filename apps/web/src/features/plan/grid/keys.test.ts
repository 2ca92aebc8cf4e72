import { describe, expect, it } from "vitest";
import { actionForKey, type KeyInput } from "./keys.js";

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("actionForKey without an editor", () => {
  it("moves with the arrows, extends with shift, jumps with Ctrl, Home and End", () => {
    expect(actionForKey(key("ArrowDown"), null)).toEqual({ type: "MOVE", direction: "DOWN", extend: false, toEdge: false });
    expect(actionForKey(key("ArrowLeft", { shiftKey: true }), null)).toEqual({
      type: "MOVE",
      direction: "LEFT",
      extend: true,
      toEdge: false,
    });
    expect(actionForKey(key("ArrowUp", { ctrlKey: true }), null)).toEqual({
      type: "MOVE",
      direction: "UP",
      extend: false,
      toEdge: true,
    });
    expect(actionForKey(key("End"), null)).toEqual({ type: "MOVE", direction: "RIGHT", extend: false, toEdge: true });
  });

  it("Enter goes down, Tab right, and back with shift", () => {
    expect(actionForKey(key("Enter"), null)).toEqual({ type: "NEXT", direction: "DOWN" });
    expect(actionForKey(key("Enter", { shiftKey: true }), null)).toEqual({ type: "NEXT", direction: "UP" });
    expect(actionForKey(key("Tab"), null)).toEqual({ type: "NEXT", direction: "RIGHT" });
    expect(actionForKey(key("Tab", { shiftKey: true }), null)).toEqual({ type: "NEXT", direction: "LEFT" });
  });

  it("starts an editor with F2 or by typing, clears with Delete and Backspace", () => {
    expect(actionForKey(key("F2"), null)).toEqual({ type: "BEGIN_EDIT" });
    expect(actionForKey(key("7"), null)).toEqual({ type: "TYPE", text: "7" });
    expect(actionForKey(key("１"), null)).toEqual({ type: "TYPE", text: "１" });
    expect(actionForKey(key("-"), null)).toEqual({ type: "TYPE", text: "-" });
    expect(actionForKey(key("Delete"), null)).toEqual({ type: "CLEAR" });
    expect(actionForKey(key("Backspace"), null)).toEqual({ type: "CLEAR" });
    expect(actionForKey(key(" "), null)).toEqual({ type: "TOGGLE_LINE" });
  });

  it("knows the commands and leaves copy, paste and unknown keys to the browser", () => {
    expect(actionForKey(key("z", { ctrlKey: true }), null)).toEqual({ type: "UNDO" });
    expect(actionForKey(key("Z", { ctrlKey: true, shiftKey: true }), null)).toEqual({ type: "REDO" });
    expect(actionForKey(key("y", { ctrlKey: true }), null)).toEqual({ type: "REDO" });
    expect(actionForKey(key("z", { metaKey: true }), null)).toEqual({ type: "UNDO" });
    expect(actionForKey(key("d", { ctrlKey: true }), null)).toEqual({ type: "FILL_DOWN" });
    expect(actionForKey(key("a", { ctrlKey: true }), null)).toEqual({ type: "SELECT_ALL" });
    expect(actionForKey(key("L", { ctrlKey: true, shiftKey: true }), null)).toEqual({ type: "TOGGLE_HOLD" });
    expect(actionForKey(key("c", { ctrlKey: true }), null)).toBeNull();
    expect(actionForKey(key("v", { ctrlKey: true }), null)).toBeNull();
    expect(actionForKey(key("Shift", { shiftKey: true }), null)).toBeNull();
    expect(actionForKey(key("x", { altKey: true }), null)).toBeNull();
  });
});

describe("actionForKey with an editor open", () => {
  it("commits with Enter and Tab, moving on, and cancels with Escape", () => {
    expect(actionForKey(key("Enter"), "EDIT")).toEqual({ type: "COMMIT", then: "DOWN" });
    expect(actionForKey(key("Tab", { shiftKey: true }), "REPLACE")).toEqual({ type: "COMMIT", then: "LEFT" });
    expect(actionForKey(key("Escape"), "EDIT")).toEqual({ type: "CANCEL" });
  });

  it("commits with an arrow when typing over a cell, but leaves the arrows to the caret after F2", () => {
    expect(actionForKey(key("ArrowRight"), "REPLACE")).toEqual({ type: "COMMIT", then: "RIGHT" });
    expect(actionForKey(key("ArrowRight"), "EDIT")).toBeNull();
  });

  it("leaves typing and the text box's own undo to the text box", () => {
    expect(actionForKey(key("5"), "REPLACE")).toBeNull();
    expect(actionForKey(key("z", { ctrlKey: true }), "EDIT")).toBeNull();
  });
});
