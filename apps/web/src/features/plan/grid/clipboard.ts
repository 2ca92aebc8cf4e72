// Clipboard text as a block of cells, both ways. Excel and WPS put a copied
// range on the clipboard as text/plain: cells separated by tabs, rows by CRLF
// (or LF, or CR), usually with a newline after the last row, and a cell that
// holds a tab, a newline or a quote written in double quotes ("a""b").

/** Reads clipboard text into rows of cell texts; every row as wide as the widest. [] for no text. */
export function parseClipboardBlock(text: string): string[][] {
  if (text === "") return [];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = "";
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: up to the quote that is not doubled.
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === "\t") endCell();
    else if (ch === "\r" || ch === "\n") {
      endRow();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  // Text that ends with a newline has no row after it; otherwise the last row is still open.
  const endsWithNewline = text.endsWith("\n") || text.endsWith("\r");
  if (!endsWithNewline) endRow();
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill("")] : r));
}

function quoteIfNeeded(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A block as clipboard text: tabs between cells, CRLF between rows (what Excel and WPS read). */
export function formatClipboardBlock(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteIfNeeded).join("\t")).join("\r\n");
}
