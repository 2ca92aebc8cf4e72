// AG Grid Community 36 with only the modules this sheet needs (client-side rows,
// text editor, undo/redo, cell classes); cell-range selection and clipboard are Enterprise modules.
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ModuleRegistry,
  TextEditorModule,
  UndoRedoEditModule,
  type ColDef,
} from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import { benchRows, VALUE_COLUMNS, type BenchRow } from "../data.js";
import { measureRender } from "../measure.js";

ModuleRegistry.registerModules([ClientSideRowModelModule, TextEditorModule, UndoRedoEditModule, CellStyleModule]);

const rows = benchRows();
const columns: ColDef<BenchRow>[] = [
  { field: "label", pinned: "left", width: 140 },
  ...VALUE_COLUMNS.map((c) => ({ field: c, width: 110, editable: true, type: "rightAligned" }) as ColDef<BenchRow>),
];

measureRender(
  <div style={{ height: 700 }}>
    <AgGridReact rowData={rows} columnDefs={columns} undoRedoCellEditing getRowId={(p) => p.data.id} />
  </div>,
  (root) => root.querySelector('.ag-row[row-index="0"] [col-id="c1"]') !== null,
);
