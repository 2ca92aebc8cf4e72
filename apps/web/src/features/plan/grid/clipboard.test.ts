import { describe, expect, it } from "vitest";
import { formatClipboardBlock, parseClipboardBlock } from "./clipboard.js";

describe("parseClipboardBlock", () => {
  it("reads an Excel range: tabs, CRLF and the newline after the last row", () => {
    expect(parseClipboardBlock("1,234.50\t2\r\n3\t4\r\n")).toEqual([
      ["1,234.50", "2"],
      ["3", "4"],
    ]);
  });

  it("reads LF and CR row ends and text without a final newline", () => {
    expect(parseClipboardBlock("1\t2\n3\t4")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseClipboardBlock("1\r2\r")).toEqual([["1"], ["2"]]);
  });

  it("drops one final newline only: a blank last row stays a row", () => {
    expect(parseClipboardBlock("1\t2\r\n\r\n")).toEqual([
      ["1", "2"],
      ["", ""],
    ]);
  });

  it("keeps empty cells and pads short rows to the widest", () => {
    expect(parseClipboardBlock("1\t\t3\r\n4\r\n")).toEqual([
      ["1", "", "3"],
      ["4", "", ""],
    ]);
  });

  it("reads quoted cells holding tabs, newlines and doubled quotes", () => {
    expect(parseClipboardBlock('"a\tb"\t"line1\nline2"\r\n"say ""hi"""\tx\r\n')).toEqual([
      ["a\tb", "line1\nline2"],
      ['say "hi"', "x"],
    ]);
  });

  it("reads one copied cell, and nothing from no text", () => {
    expect(parseClipboardBlock("１．５万\r\n")).toEqual([["１．５万"]]);
    expect(parseClipboardBlock("")).toEqual([]);
  });
});

describe("formatClipboardBlock", () => {
  it("writes tabs and CRLF, quoting what needs it, and reads back the same block", () => {
    const block = [
      ["1234.50", "", "12.5%"],
      ['a "b"', "c\td", "-1.00"],
    ];
    const text = formatClipboardBlock(block);
    expect(text).toBe('1234.50\t\t12.5%\r\n"a ""b"""\t"c\td"\t-1.00');
    expect(parseClipboardBlock(text)).toEqual(block);
  });
});
