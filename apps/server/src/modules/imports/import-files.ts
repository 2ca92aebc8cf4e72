// Reading an uploaded import file as a stream of rows (cells as text), never whole in memory:
// CSV in UTF-8 (with or without BOM) or GB18030/GBK, comma or tab (domain's sniffing rules),
// through iconv-lite and csv-parse; XLSX through ExcelJS's streaming WorkbookReader (first sheet).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { detectImportEncoding, sniffImportDelimiter } from "@pyramid/domain";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export type ImportFileType = "csv" | "xlsx";

export interface FileRow {
  /** The file's row: the CSV line the record starts on, or the sheet's row number (header: 1 usually). */
  readonly row: number;
  readonly cells: string[];
}

/** The file type from the name: `.csv` / `.txt` / `.tsv` or `.xlsx`; null otherwise. */
export function importFileType(fileName: string): ImportFileType | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv") || lower.endsWith(".txt") || lower.endsWith(".tsv")) return "csv";
  return null;
}

const SAMPLE_BYTES = 64 * 1024;

/** Rows of the file, the header first. Throws (an Error with a readable message) when unreadable. */
export function readImportFile(path: string, type: ImportFileType): AsyncGenerator<FileRow> {
  return type === "csv" ? readCsv(path) : readXlsx(path);
}

async function* readCsv(path: string): AsyncGenerator<FileRow> {
  const handle = await open(path, "r");
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { encoding } = detectImportEncoding(sample);
  const text = iconv.decode(sample, encoding === "utf-8" ? "utf8" : "gb18030");
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = sniffImportDelimiter(firstLine);
  const parser = createReadStream(path, { highWaterMark: 256 * 1024 })
    .pipe(iconv.decodeStream(encoding === "utf-8" ? "utf8" : "gb18030"))
    .pipe(
      parse({
        delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        info: true,
      }),
    );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: info.lines, cells: record };
  }
}

async function* readXlsx(path: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c.trim() === "")) continue;
      yield { row: row.number, cells };
    }
    break; // the first sheet only
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, "0")}`;
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}
