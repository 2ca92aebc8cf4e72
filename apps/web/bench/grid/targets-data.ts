// A county plan of BENCH rows for the TargetsGrid entries: 20 product lines of
// 100 spec × channel rows, every month stored, two years of history with
// November and December of last year estimated. Amounts are made from
// integers as decimal text, as the API sends them.
import { cellDimensionKey } from "@pyramid/domain";
import type { GridCellInput, GridHistoryInput, GridLine } from "../../src/features/plan/grid/index.js";

export const LINE_COUNT = 20;
export const ROWS_PER_LINE = 100;

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
const fenOf = (seed: number) => (seed % 9_999_991) + 100;
/** Last year at 80–125 % of the target (so some targets fall below it, some above the band), integers only. */
const lastYearFen = (fen: number, seed: number) => Math.floor((fen * (80 + (seed % 46))) / 100);

export function benchPlan(): { lines: GridLine[]; cells: GridCellInput[]; history: GridHistoryInput[] } {
  const lines: GridLine[] = [];
  const cells: GridCellInput[] = [];
  const history: GridHistoryInput[] = [];
  for (let l = 0; l < LINE_COUNT; l++) {
    const rows = [];
    for (let r = 0; r < ROWS_PER_LINE; r++) {
      const dimensions = { productSpecId: `spec-${l}-${r >> 1}`, channelId: r % 2 === 0 ? "direct" : "dealer" };
      const key = cellDimensionKey(dimensions);
      rows.push({ key, specName: `品规 ${l + 1}-${(r >> 1) + 1}`, channelName: r % 2 === 0 ? "直营" : "经销", dimensions });
      const seed = (l * ROWS_PER_LINE + r) * 7919;
      for (let month = 1; month <= 12; month++) {
        const fen = fenOf(seed + month * 104729);
        const lastYear = lastYearFen(fen, seed + month);
        cells.push({ rowKey: key, month, value: yuan(fen), version: 1, isHeld: month === 12 && r % 10 === 0 });
        history.push({
          rowKey: key,
          month,
          lastYear: yuan(lastYear),
          lastYearEstimated: month >= 11,
          yearBefore: yuan(lastYearFen(lastYear, seed + month * 7)),
        });
      }
    }
    lines.push({ id: `line-${l}`, name: `产品线 ${l + 1}`, rows });
  }
  return { lines, cells, history };
}
