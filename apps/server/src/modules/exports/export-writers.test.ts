// The exports' small exact pieces and the writers, against hand-written answers; the files
// are read back with ExcelJS.
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { money } from "./budget-export.js";
import { addFen, fenOf, formatFen, type ExportRow } from "./export-rows.js";
import { csvField, writeCsv, writeXlsx } from "./export-writers.js";

describe("money (the database's decimal text)", () => {
  it.each([
    ["0", 0n],
    ["0.01", 1n],
    ["1234.5", 123450n],
    ["-0.01", -1n],
    ["9999999999999999.99", 999999999999999999n],
  ])("%s is %s fen", (text, fen) => {
    expect(money(text).units).toBe(fen);
  });

  it("refuses more than two places, as Fixed.parse does", () => {
    expect(() => money("0.001")).toThrow();
  });
});

describe("csvField (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["城市, 一", '"城市, 一"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["", ""],
  ])("%j → %j", (value, quoted) => {
    expect(csvField(value)).toBe(quoted);
  });
});

describe("fen on the hot path (export-rows)", () => {
  it("reads decimal text as fen, a Number while exact and a bigint beyond 2^52", () => {
    expect(fenOf("12.30")).toBe(1230);
    expect(fenOf("-0.05")).toBe(-5);
    expect(fenOf("1234.5")).toBe(123450);
    expect(fenOf("9999999999999999.99")).toBe(999999999999999999n);
  });

  it("adds exactly across 2^52 and 2^53 fen, and writes two places", () => {
    expect(addFen(4503599627370496, 1)).toBe(4503599627370497n);
    expect(addFen(4503599627370497n, -1)).toBe(4503599627370496);
    expect(addFen(9007199254740991, 1)).toBe(9007199254740992n);
    expect(formatFen(addFen(fenOf("9999999999999999.99"), fenOf("0.01")))).toBe("10000000000000000.00");
    expect([0, 5, -5, 100, -12345, 4503599627370496].map(formatFen)).toEqual([
      "0.00",
      "0.05",
      "-0.05",
      "1.00",
      "-123.45",
      "45035996273704.96",
    ]);
  });
});

/** Collects what is written; with `slow`, a tiny buffer and a late callback, so every write waits for 'drain'. */
function collector(slow = false) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: slow ? 16 : 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      if (slow) setImmediate(done);
      else done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

async function* batches(rows: ExportRow[], size = 7) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const headers = ["码", "名", "A", "B", "C", ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), "全年"];
const line = (code: string, name: string, amount: string): ExportRow => ({
  kind: "LINE",
  texts: [code, name, "", "x", "y"],
  amounts: [...Array<string>(12).fill(amount), ""],
});

describe("writeXlsx, read back with ExcelJS", () => {
  it("writes text, numbers in 0.00, bold totals, a frozen header and the description sheet", async () => {
    const rows: ExportRow[] = [
      line("K1", ' A&B <c> "d" \u0001', "1234.50"),
      line("K2", "城市, 一", "-0.05"),
      {
        kind: "UNIT_TOTAL",
        texts: ["K2", "合计", "", "", ""],
        amounts: [...Array<string>(12).fill("9999999999999999.99"), "0.00"],
      },
    ];
    const out = collector();
    await writeXlsx(
      out.stream,
      { sheetName: "费用预算", headers, rows: batches(rows) },
      () => [["导出人", "张三 & 李四"]],
      "导出说明",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.bytes() as unknown as ArrayBuffer);
    const [sheet, about] = workbook.worksheets;
    expect(sheet!.name).toBe("费用预算");
    expect(sheet!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    expect(sheet!.getRow(1).font?.bold).toBe(true);
    expect(sheet!.rowCount).toBe(4);
    const first = sheet!.getRow(2);
    expect(first.getCell(2).value).toBe(' A&B <c> "d" '); // the control character is not XML: dropped
    expect(first.getCell(3).value).toBe(null);
    expect(first.getCell(6).value).toBe(1234.5);
    expect(first.getCell(6).numFmt).toBe("0.00");
    expect(first.getCell(18).value).toBe(null);
    expect(first.font?.bold).toBeFalsy();
    expect(sheet!.getRow(3).getCell(2).value).toBe("城市, 一");
    expect(sheet!.getRow(3).getCell(17).value).toBe(-0.05);
    const total = sheet!.getRow(4);
    expect(total.font?.bold).toBe(true);
    expect(total.getCell(6).value).toBe(Number("9999999999999999.99")); // the nearest double, as Excel reads it
    expect(total.getCell(6).numFmt).toBe("0.00");
    expect(total.getCell(18).value).toBe(0);
    expect(about!.name).toBe("导出说明");
    expect((about!.getRow(1).values as unknown[]).slice(1)).toEqual(["导出人", "张三 & 李四"]);
  });

  it("waits for a slow reader and still writes every row (backpressure), the zip intact", async () => {
    const rows = Array.from({ length: 800 }, (_, i) => line(`K${i}`, `县 ${i}`, `${i}.01`));
    const out = collector(true);
    await writeXlsx(out.stream, { sheetName: "Budget", headers, rows: batches(rows, 34) }, () => [], "About");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.bytes() as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(801);
    expect(sheet.getRow(801).getCell(1).value).toBe("K799");
    expect(sheet.getRow(801).getCell(6).value).toBe(799.01);
  });

  it("stops with an error when the stream is closed midway", async () => {
    const out = collector();
    out.stream.destroy();
    const rows = Array.from({ length: 10 }, (_, i) => line(`K${i}`, "x", "1.00"));
    await expect(writeXlsx(out.stream, { sheetName: "B", headers, rows: batches(rows) }, () => [], "A")).rejects.toThrow(
      /closed/,
    );
  });
});

describe("writeCsv", () => {
  it("writes a BOM, quoted texts, plain amounts, CRLF, through a slow reader", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => line(`K${i}`, i === 0 ? '城市, "一"' : `县 ${i}`, "-0.05"));
    const out = collector(true);
    await writeCsv(out.stream, { sheetName: "x", headers, rows: batches(rows) });
    const text = out.bytes().toString("utf8");
    expect(text.startsWith("\uFEFF码,名,A,B,C,1月")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines).toHaveLength(2002); // header, 2000 rows, and the empty string after the last CRLF
    expect(lines[1]).toBe(`K0,"城市, ""一""",,x,y,${Array<string>(12).fill("-0.05").join(",")},`);
    expect(lines[2000]).toBe(`K1999,县 1999,,x,y,${Array<string>(12).fill("-0.05").join(",")},`);
  });
});
