// Reading an uploaded import file as a stream of rows (cells as text), never whole in memory:
// CSV in UTF-8 (with or without BOM) or GB18030/GBK, comma or tab (domain's sniffing rules),
// through the domain's CsvSplitter (UTF-8 by TextDecoder, GB18030 by iconv-lite); XLSX through ExcelJS's streaming WorkbookReader (first sheet).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { CsvSplitter, detectImportEncoding, sniffImportDelimiter } from "@pyramid/domain";
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

/** Rows of the file in batches, the header first. Throws (an Error with a readable message) when unreadable. */
export function readImportFile(path: string, type: ImportFileType): AsyncGenerator<FileRow[]> {
  return type === "csv" ? readCsv(path) : readXlsx(path);
}

async function* readCsv(path: string): AsyncGenerator<FileRow[]> {
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
  const firstLine =
    iconv
      .decode(sample, encoding === "utf-8" ? "utf8" : "gb18030")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/, 1)[0] ?? "";
  const splitter = new CsvSplitter(sniffImportDelimiter(firstLine));
  // UTF-8 through the platform's decoder (BOM dropped); GB18030 through iconv-lite. Both keep a
  // character cut by a chunk's end for the next chunk.
  const utf8 = encoding === "utf-8" ? new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }) : null;
  const gb = encoding === "utf-8" ? null : iconv.getDecoder("gb18030");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const text = utf8 ? utf8.decode(chunk as Buffer, { stream: true }) : gb!.write(chunk as Buffer);
    const out: FileRow[] = [];
    splitter.push(text, out);
    if (out.length > 0) yield out;
  }
  const out: FileRow[] = [];
  const rest = utf8 ? utf8.decode() : (gb!.end() ?? "");
  if (rest) splitter.push(rest, out);
  splitter.end(out);
  if (out.length > 0) yield out;
}

async function* readXlsx(path: string): AsyncGenerator<FileRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  for await (const worksheet of reader) {
    let batch: FileRow[] = [];
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c.trim() === "")) continue;
      batch.push({ row: row.number, cells });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
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
