// The synthetic sheet every candidate renders in the evaluation: ROWS rows ×
// COLUMNS columns (a label column and amount columns), as display text made
// beforehand so that each grid is timed on rendering alone.
export const ROWS = 2000;
export const COLUMNS = 30;

export interface BenchRow {
  readonly id: string;
  readonly label: string;
  readonly [column: `c${number}`]: string;
}

function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Amount text like "12,345.67", from integers only. */
function amountText(row: number, column: number): string {
  const fen = ((row * 7919 + column * 104729) % 9_999_999) + 1;
  return `${grouped(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, "0")}`;
}

export function benchRows(rows = ROWS, columns = COLUMNS): BenchRow[] {
  const out: BenchRow[] = [];
  for (let r = 0; r < rows; r++) {
    const row: Record<string, string> = { id: `r${r}`, label: `row-${String(r).padStart(4, "0")}` };
    for (let c = 1; c < columns; c++) row[`c${c}`] = amountText(r, c);
    out.push(row as unknown as BenchRow);
  }
  return out;
}

export const VALUE_COLUMNS: readonly `c${number}`[] = Array.from({ length: COLUMNS - 1 }, (_, i) => `c${i + 1}` as const);
