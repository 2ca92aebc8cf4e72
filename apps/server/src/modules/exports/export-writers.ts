// Writing a table of export rows to a stream, row by row as they come: XLSX through
// ExcelJS's streaming writer (each row committed at once, so only the zip's deflate
// window is held), CSV as UTF-8 with a BOM (Excel and WPS then read Chinese right) and
// RFC 4180 quoting. Amounts arrive as exact decimal text with two places ("" for none: an empty cell). CSV writes that
// text as it is; XLSX writes Number(text) with the format 0.00: a two-decimal string of up
// to 16 significant digits (the column is Decimal(18,2), 16 integer digits) parses to the
// nearest double, which Excel shows back as the same figure at two places — exact to the
// fen up to 2^53 fen (≈ 90 trillion 元); beyond that Excel itself cannot hold the figure.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ExportRow } from "./budget-export.js";

export interface ExportTable {
  readonly sheetName: string;
  readonly headers: readonly string[];
  readonly rows: AsyncIterable<ExportRow>;
}

/** The description sheet: label → value pairs, written after the data (it knows what was missing). */
export type DescriptionLines = () => readonly (readonly [string, string])[];

/** Writes `table` then the description sheet to `out` as XLSX; resolves when the file is complete. */
export async function writeXlsx(out: Writable, table: ExportTable, description: DescriptionLines, descriptionSheet: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const textColumns = table.headers.length - 13;
  sheet.columns = table.headers.map((header, index) => ({
    header,
    width: index < textColumns ? (index === 1 || index === textColumns - 1 ? 24 : 14) : 14,
    ...(index >= textColumns ? { style: { numFmt: "0.00" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const row of table.rows) {
    const written = sheet.addRow([...row.texts, ...row.amounts.map((amount) => (amount === "" ? null : Number(amount)))]);
    if (row.kind !== "LINE") written.font = { bold: true };
    written.commit();
  }
  sheet.commit();
  const about = workbook.addWorksheet(descriptionSheet);
  about.columns = [{ width: 20 }, { width: 80 }];
  for (const [label, value] of description()) about.addRow([label, value]).commit();
  about.commit();
  await workbook.commit();
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Waits for the stream to take more when it says it is full. */
async function write(out: Writable, text: string) {
  if (out.destroyed) throw new Error("The export's stream was closed.");
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", closed);
      resolve();
    };
    const closed = () => {
      out.off("drain", done);
      reject(new Error("The export's stream was closed."));
    };
    out.once("drain", done);
    out.once("close", closed);
  });
}

/** Writes `table` to `out` as CSV (UTF-8 with BOM, CRLF lines); the description is not part of a CSV. */
export async function writeCsv(out: Writable, table: ExportTable) {
  await write(out, `\uFEFF${csvLine(table.headers)}`);
  let batch = "";
  for await (const row of table.rows) {
    batch += csvLine([...row.texts, ...row.amounts]);
    if (batch.length > 64 * 1024) {
      await write(out, batch);
      batch = "";
    }
  }
  if (batch !== "") await write(out, batch);
  out.end();
}
