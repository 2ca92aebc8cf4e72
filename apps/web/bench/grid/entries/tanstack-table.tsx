// TanStack Table 9 (column model) + TanStack Virtual 3 (rows and columns): headless,
// so the markup, editing and clipboard are ours; this is the least a grid needs.
import { columnSizingFeature, createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { benchRows, VALUE_COLUMNS, type BenchRow } from "../data.js";
import { measureRender } from "../measure.js";

const features = tableFeatures({ columnSizingFeature });
const helper = createColumnHelper<typeof features, BenchRow>();
const columns = helper.columns([
  helper.accessor("label", { header: "label", size: 140 }),
  ...VALUE_COLUMNS.map((c) => helper.accessor((row) => row[c], { id: c, header: c, size: 110 })),
]);
const data = benchRows();
const ROW_HEIGHT = 28;

function Sheet() {
  const table = useTable({ features, columns, data });
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const leafColumns = table.getAllLeafColumns();
  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: leafColumns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => leafColumns[i]?.getSize() ?? 110,
    overscan: 2,
  });
  return (
    <div ref={scroller} style={{ height: 700, overflow: "auto", position: "relative" }} role="grid">
      <div style={{ height: rowVirtualizer.getTotalSize(), width: columnVirtualizer.getTotalSize(), position: "relative" }}>
        {rowVirtualizer.getVirtualItems().map((vr) => {
          const row = rows[vr.index]!;
          const cells = row.getAllCells();
          return (
            <div key={row.id} role="row" style={{ position: "absolute", top: vr.start, height: ROW_HEIGHT, left: 0 }}>
              {columnVirtualizer.getVirtualItems().map((vc) => {
                const cell = cells[vc.index]!;
                return (
                  <div
                    key={cell.id}
                    role="gridcell"
                    className="bench-cell"
                    style={{ position: "absolute", left: vc.start, width: vc.size, height: ROW_HEIGHT }}
                  >
                    {String(cell.getValue())}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

measureRender(<Sheet />, (root) => root.querySelector('[role="row"] .bench-cell') !== null);
