// TanStack Virtual 3 alone (rows and columns): the same markup as tanstack-table.tsx
// without the table model, i.e. what a thin grid of our own starts from.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { benchRows, VALUE_COLUMNS } from "../data.js";
import { measureRender } from "../measure.js";

const data = benchRows();
const keys = ["label", ...VALUE_COLUMNS] as const;
const widths = keys.map((k) => (k === "label" ? 140 : 110));
const ROW_HEIGHT = 28;

function Sheet() {
  const scroller = useRef<HTMLDivElement>(null);
  const rowVirtualizer = useVirtualizer({
    count: data.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => widths[i] ?? 110,
    overscan: 2,
  });
  return (
    <div ref={scroller} style={{ height: 700, overflow: "auto", position: "relative" }} role="grid">
      <div style={{ height: rowVirtualizer.getTotalSize(), width: columnVirtualizer.getTotalSize(), position: "relative" }}>
        {rowVirtualizer.getVirtualItems().map((vr) => {
          const row = data[vr.index]!;
          return (
            <div key={row.id} role="row" style={{ position: "absolute", top: vr.start, height: ROW_HEIGHT, left: 0 }}>
              {columnVirtualizer.getVirtualItems().map((vc) => (
                <div
                  key={vc.key}
                  role="gridcell"
                  className="bench-cell"
                  style={{ position: "absolute", left: vc.start, width: vc.size, height: ROW_HEIGHT }}
                >
                  {row[keys[vc.index]!]}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

measureRender(<Sheet />, (root) => root.querySelector('[role="row"] .bench-cell') !== null);
