// Writing a table of export rows to a stream, row by row as they come.
//
// XLSX: the SpreadsheetML parts are written here as text and zipped as they go (zip-stream.ts);
// only the current batch of rows (≈64 KB of XML) and zlib's window are held. ExcelJS's
// streaming writer did the same job at about 5,000 rows/s on this machine (it builds a cell
// model and a style lookup per cell), a tenth of what a national export needs; ExcelJS still
// reads the files back in the tests. What the file holds: the data sheet (frozen header row,
// bold header and totals rows, text as inline strings, amounts as numbers in the format 0.00
// via one cell style, columns sized), then the description sheet. An amount arrives as exact
// decimal text with two places and is written as that text into the cell's <v>: Excel reads it
// as the nearest double, which it shows back as the same figure at two places — exact to the
// fen up to 2^53 fen (≈ 90 trillion 元); beyond that Excel itself cannot hold the figure.
//
// CSV: UTF-8 with a BOM (Excel and WPS then read Chinese right), RFC 4180 quoting, CRLF,
// written in batches of about 64 KB with the stream's backpressure respected.
import type { Writable } from "node:stream";
import type { ExportRow } from "./export-rows.js";
import { writeTo, ZipStream } from "./zip-stream.js";

export interface ExportTable {
  readonly sheetName: string;
  readonly headers: readonly string[];
  /** The rows in batches (a unit's rows, say): one await per batch, not per row. */
  readonly rows: AsyncIterable<readonly ExportRow[]>;
}

/** The description sheet: label → value pairs, written after the data (it knows what was missing). */
export type DescriptionLines = () => readonly (readonly [string, string])[];

const BATCH = 64 * 1024;
const AMOUNT_COLUMNS = 13;

/** Cell styles of styles.xml (cellXfs), by index. */
const STYLE = { text: 0, amount: 1, boldText: 2, boldAmount: 3 } as const;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

// The control characters are what these match: XML 1.0 forbids them in a document.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const ESCAPED = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for XML content or an attribute: the five specials escaped, characters XML 1.0 forbids dropped. */
export function xmlText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ENTITIES[c] ?? "") : value;
}

/** A number cell's text: plain decimal, as the rows promise; anything else is a bug upstream. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function textCell(ref: string, value: string, style: number): string {
  if (value === "") return "";
  const space = value.trim() === value ? "" : ' xml:space="preserve"';
  return `<c r="${ref}" t="inlineStr"${style === 0 ? "" : ` s="${style}"`}><is><t${space}>${xmlText(value)}</t></is></c>`;
}

function rowXml(
  rowNumber: number,
  letters: readonly string[],
  texts: readonly string[],
  amounts: readonly string[],
  bold: boolean,
) {
  let xml = bold ? `<row r="${rowNumber}" s="${STYLE.boldText}" customFormat="1">` : `<row r="${rowNumber}">`;
  const textStyle = bold ? STYLE.boldText : STYLE.text;
  for (let i = 0; i < texts.length; i += 1) xml += textCell(`${letters[i]}${rowNumber}`, texts[i]!, textStyle);
  const amountStyle = bold ? STYLE.boldAmount : STYLE.amount;
  for (let i = 0; i < amounts.length; i += 1) {
    const amount = amounts[i]!;
    if (amount === "") continue;
    if (!PLAIN_NUMBER.test(amount)) throw new Error(`Not a plain decimal amount: "${amount}".`);
    xml += `<c r="${letters[texts.length + i]}${rowNumber}" s="${amountStyle}"><v>${amount}</v></c>`;
  }
  return `${xml}</row>`;
}

function worksheetHead(columns: string, frozen: boolean) {
  const views = frozen
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${views}<sheetFormatPr defaultRowHeight="15"/><cols>${columns}</cols><sheetData>`;
}

const WORKSHEET_TAIL = "</sheetData></worksheet>";

/** The data sheet's XML, in batches, as the rows arrive. */
async function* dataSheet(table: ExportTable): AsyncGenerator<string> {
  const textColumns = table.headers.length - AMOUNT_COLUMNS;
  const letters = table.headers.map((_, i) => columnName(i));
  let columns = "";
  table.headers.forEach((_, index) => {
    const width = index < textColumns ? (index === 1 || index === textColumns - 1 ? 24 : 14) : 14;
    const style = index < textColumns ? "" : ` style="${STYLE.amount}"`;
    columns += `<col min="${index + 1}" max="${index + 1}" width="${width}"${style} customWidth="1"/>`;
  });
  let batch = worksheetHead(columns, true) + rowXml(1, letters, table.headers, [], true);
  let rowNumber = 1;
  for await (const rows of table.rows) {
    for (const row of rows) {
      rowNumber += 1;
      batch += rowXml(rowNumber, letters, row.texts, row.amounts, row.kind !== "LINE");
    }
    if (batch.length > BATCH) {
      yield batch;
      batch = "";
    }
  }
  yield batch + WORKSHEET_TAIL;
}

function descriptionSheet(lines: readonly (readonly [string, string])[]): string {
  const columns = '<col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="80" customWidth="1"/>';
  let xml = worksheetHead(columns, false);
  lines.forEach(([label, value], i) => {
    xml += `<row r="${i + 1}">${textCell(`A${i + 1}`, label, STYLE.text)}${textCell(`B${i + 1}`, value, STYLE.text)}</row>`;
  });
  return xml + WORKSHEET_TAIL;
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function packageParts(sheetNames: readonly string[]) {
  const sheets = sheetNames.map((_, i) => i + 1);
  return {
    contentTypes:
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (n) =>
            `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      "</Types>",
    rootRels:
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    workbook:
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
      sheetNames.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      "</sheets></workbook>",
    workbookRels:
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets.map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  };
}

/** Writes `table` then the description sheet to `out` as XLSX and ends `out`; resolves when the file is complete. */
export async function writeXlsx(out: Writable, table: ExportTable, description: DescriptionLines, descriptionSheetName: string) {
  const zip = new ZipStream(out);
  const parts = packageParts([table.sheetName, descriptionSheetName]);
  await zip.add("[Content_Types].xml", [parts.contentTypes]);
  await zip.add("_rels/.rels", [parts.rootRels]);
  await zip.add("xl/workbook.xml", [parts.workbook]);
  await zip.add("xl/_rels/workbook.xml.rels", [parts.workbookRels]);
  await zip.add("xl/styles.xml", [STYLES]);
  await zip.add("xl/worksheets/sheet1.xml", dataSheet(table));
  await zip.add("xl/worksheets/sheet2.xml", [descriptionSheet(description())]);
  await zip.finish();
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(texts: readonly string[], amounts: readonly string[]): string {
  let line = "";
  for (let i = 0; i < texts.length; i += 1) line += (i === 0 ? "" : ",") + csvField(texts[i]!);
  // Amounts are plain decimal text (or ""): never quoted.
  for (let i = 0; i < amounts.length; i += 1) line += (texts.length === 0 && i === 0 ? "" : ",") + amounts[i]!;
  return `${line}\r\n`;
}

/** Writes `table` to `out` as CSV (UTF-8 with BOM, CRLF lines) and ends `out`; the description is not part of a CSV. */
export async function writeCsv(out: Writable, table: ExportTable) {
  let batch = `\uFEFF${csvLine(table.headers, [])}`;
  for await (const rows of table.rows) {
    for (const row of rows) batch += csvLine(row.texts, row.amounts);
    if (batch.length > BATCH) {
      await writeTo(out, batch);
      batch = "";
    }
  }
  if (batch !== "") await writeTo(out, batch);
  out.end();
}
