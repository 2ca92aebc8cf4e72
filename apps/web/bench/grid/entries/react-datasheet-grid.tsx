// react-datasheet-grid 4.11: 2,000 × 30 text cells, row and column virtualisation built in.
import { DataSheetGrid, keyColumn, textColumn, type Column } from "react-datasheet-grid";
import "react-datasheet-grid/dist/style.css";
import { useState } from "react";
import { benchRows, VALUE_COLUMNS, type BenchRow } from "../data.js";
import { measureRender } from "../measure.js";

// The bench rows hold strings only; textColumn is typed for string | null.
const text = textColumn as Partial<Column<string>>;
const columns: Column<BenchRow>[] = [
  { ...keyColumn<BenchRow, "label">("label", text), title: "label", disabled: true, minWidth: 140 },
  ...VALUE_COLUMNS.map((c) => ({ ...keyColumn<BenchRow, typeof c>(c, text), title: c, minWidth: 110 }) as Column<BenchRow>),
];

function Sheet() {
  const [rows, setRows] = useState(benchRows);
  return <DataSheetGrid value={rows} onChange={setRows} columns={columns} lockRows height={700} />;
}

measureRender(<Sheet />, (root) => root.querySelector(".dsg-row:not(.dsg-row-header) .dsg-cell input") !== null);
