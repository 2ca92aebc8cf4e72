// The targets grid (销售目标表): spec × channel rows grouped by product line,
// months, quarters, halves and the year, with last year's figures beside. It
// edits like a spreadsheet and emits every change as an edit batch
// (onChange); it never saves. The rules live in the pure modules beside it:
// model (rows and columns), selection, keys, clipboard, plan-edits (paste,
// fill, clear, hold), edit-batch, undo, totals and cell-view.
import { parseAmount, periodLabel, type GrowthBandLimits } from "@pyramid/domain";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../../app/i18n/messages.js";
import { describeCell, type CellView, type GridFigures, type RowRef } from "./cell-view.js";
import { formatClipboardBlock, parseClipboardBlock } from "./clipboard.js";
import {
  makeBatch,
  redoBatch,
  undoBatch,
  type CellLookup,
  type Draft,
  type EditBatch,
  type EditKind,
  type Replay,
} from "./edit-batch.js";
import { actionForKey, type EditorMode } from "./keys.js";
import { cellName, problemMessage } from "./notices.js";
import {
  buildColumns,
  buildDisplayRows,
  cellKey,
  cellTarget,
  EMPTY_CELL,
  type GridCellInput,
  type GridColumn,
  type GridHistoryInput,
  type GridLine,
  type GridMetric,
  selectedBlock,
  type HistoryView,
  type SelectedBlock,
  type TargetVariant,
} from "./model.js";
import {
  editableGrid,
  planClear,
  planFillDown,
  planHoldToggle,
  planPaste,
  planTypedValue,
  type EditableGrid,
  type EditPlan,
  type EditProblem,
} from "./plan-edits.js";
import {
  atColumnEdge,
  clampSelection,
  extendTo,
  inRect,
  move,
  selectAll,
  selectCell,
  selectionRect,
  type CellPosition,
  type Selection,
} from "./selection.js";
import { currentTargetMonths, estimateFlags, indexCells, indexHistory, seriesTotals } from "./totals.js";
import { EMPTY_HISTORY, recordBatch, takeRedo, takeUndo, type UndoHistory } from "./undo.js";
import "./targets-grid.css";

export interface TargetsGridProps {
  readonly metric: GridMetric;
  readonly lines: readonly GridLine[];
  /** Stored cells of this metric and variant, as read. */
  readonly cells: readonly GridCellInput[];
  readonly history: readonly GridHistoryInput[];
  /** Unsaved cell states (useGridDraft keeps them); shown over the stored cells with a tint. */
  readonly draft: Draft;
  /** Every change, one batch per action; the page applies it to the draft and saves when asked. */
  readonly onChange: (batch: EditBatch) => void;
  readonly variant: TargetVariant;
  readonly onVariantChange?: (variant: TargetVariant) => void;
  /** The cycle's growth band: targets below it are marked red, above it amber. */
  readonly band?: GrowthBandLimits | null;
  /**
   * Set when the plan may not be edited here, with the reason: shown above the grid (unless
   * `shownAbove`: the page already says it) and in the message of every refused change.
   */
  readonly readOnly?: { readonly reason: string; readonly shownAbove?: boolean } | null;
  readonly label?: string;
  readonly defaultHistoryView?: HistoryView;
  /** Height of the scrolling area in pixels. */
  readonly height?: number;
  /**
   * A monthly target to select, scroll to and give the keyboard (a link to a
   * finding's cell): applied whenever it changes; its line is expanded.
   */
  readonly focusCell?: { readonly rowKey: string; readonly month: number } | null;
  /** Marks on monthly targets by cell key (model.cellKey), e.g. a breakdown that does not add up: shown flagged, the text in its tooltip. */
  readonly cellFlags?: ReadonlyMap<string, string> | null;
  /** The target cells the selection covers (spec rows × months), whenever that changes; null for none. */
  readonly onSelectionChange?: (block: SelectedBlock | null) => void;
  /** Monthly targets with comments, by cell key (model.cellKey): true when a thread is still open. A corner mark. */
  readonly cellComments?: ReadonlyMap<string, boolean> | null;
}

const ROW_HEIGHT = 28;
const HEAD_HEIGHT = 44;
const STICKY_HEIGHT = HEAD_HEIGHT + ROW_HEIGHT; // the header and the all-specs total row
const SPEC_WIDTH = 150;
const CHANNEL_WIDTH = 90;
const LABEL_WIDTH = SPEC_WIDTH + CHANNEL_WIDTH;
const AMOUNT_WIDTH = 118;
const GROWTH_WIDTH = 76;

const columnWidth = (column: GridColumn | undefined) => (column?.series === "GROWTH" ? GROWTH_WIDTH : AMOUNT_WIDTH);

interface Editor {
  readonly at: CellPosition;
  readonly mode: EditorMode;
  readonly text: string;
}

interface Notice {
  readonly tone: "error" | "info";
  readonly text: string;
}

export function TargetsGrid(props: TargetsGridProps) {
  const {
    metric,
    lines,
    cells,
    history,
    draft,
    onChange,
    variant,
    band = null,
    readOnly = null,
    cellFlags = null,
    cellComments = null,
  } = props;
  const { t, locale } = useI18n();
  const gridId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [historyView, setHistoryView] = useState<HistoryView>(props.defaultHistoryView ?? "YEAR");
  const [rawSelection, setSelection] = useState<Selection>(() => selectCell({ row: 0, col: 0 }));
  const [editor, setEditor] = useState<Editor | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // One undo history per metric and variant: switching either starts a new one.
  const historyKey = `${metric.id}|${variant}`;
  const [undoState, setUndoState] = useState<{ key: string; history: UndoHistory }>({ key: historyKey, history: EMPTY_HISTORY });
  const undo = undoState.key === historyKey ? undoState.history : EMPTY_HISTORY;
  const dragging = useRef(false);
  const scrollToFocus = useRef(false);

  const columns = useMemo(() => buildColumns(historyView), [historyView]);
  const rows = useMemo(() => buildDisplayRows(lines, collapsed), [lines, collapsed]);
  const size = useMemo(() => ({ rows: rows.length, cols: columns.length }), [rows.length, columns.length]);
  const selection = clampSelection(rawSelection, size);
  const rect = selectionRect(selection);

  // ------------------------------------------------------------ figures
  const { scale, aggregation } = metric;
  const stored = useMemo(() => indexCells(cells, scale), [cells, scale]);
  const historyIndex = useMemo(() => indexHistory(history, scale), [history, scale]);
  const lastYear = useMemo(
    () => seriesTotals(lines, (key) => historyIndex.get(key)?.lastYear, aggregation),
    [lines, historyIndex, aggregation],
  );
  const yearBefore = useMemo(
    () => seriesTotals(lines, (key) => historyIndex.get(key)?.yearBefore, aggregation),
    [lines, historyIndex, aggregation],
  );
  const estimates = useMemo(() => estimateFlags(lines, historyIndex), [lines, historyIndex]);
  const editorTarget = editor ? cellTarget(rows[editor.at.row], columns[editor.at.col], () => false, false) : null;
  const typing = useMemo(() => {
    if (!editor || !editorTarget?.key) return null;
    if (editor.text.trim() === "") return { key: editorTarget.key, units: null };
    const parsed = parseAmount(editor.text, { scale });
    return parsed.ok ? { key: editorTarget.key, units: parsed.value.units } : null;
  }, [editor, editorTarget?.key, scale]);
  const target = useMemo(
    () => seriesTotals(lines, currentTargetMonths(stored, draft, scale, typing), aggregation),
    [lines, stored, draft, scale, typing, aggregation],
  );
  const figures: GridFigures = useMemo(
    () => ({ scale, unit: metric.unit, stored, draft, target, lastYear, yearBefore, estimates, band }),
    [scale, metric.unit, stored, draft, target, lastYear, yearBefore, estimates, band],
  );

  const lookup: CellLookup = useMemo(
    () => ({
      current: (key) => draft.get(key) ?? stored.cell(key) ?? EMPTY_CELL,
      version: (key) => stored.cell(key)?.version ?? null,
    }),
    [draft, stored],
  );
  const grid: EditableGrid = useMemo(
    () =>
      editableGrid({
        rows,
        columns,
        scale,
        readOnly: readOnly !== null,
        lookup,
        valueAt: (row, column) => describeCell(figures, row, column).exact,
      }),
    [rows, columns, scale, readOnly, lookup, figures],
  );

  // ---------------------------------------------------------- messages
  // Looked up once per language, not once per cell.
  const labels = useMemo(
    () => ({
      estimate: t("grid.estimate"),
      estimateTitle: t("grid.estimateTitle"),
      held: t("grid.held"),
      changed: t("grid.changed"),
      commented: t("grid.commented"),
      commentOpen: t("grid.commentOpen"),
      BELOW_LAST_YEAR: t("grid.band.BELOW_LAST_YEAR"),
      ABOVE_BAND: t("grid.band.ABOVE_BAND"),
    }),
    [t],
  );
  const nameOf = (row: number, col: number) => cellName(t, locale, rows[row], columns[col]);
  const problemText = (problem: EditProblem) => problemMessage(t, problem, nameOf, readOnly?.reason ?? "");

  // ------------------------------------------------------------ editing
  const context = { metricId: metric.id, variant };
  const record = (batch: EditBatch) => {
    onChange(batch);
    setUndoState({ key: historyKey, history: recordBatch(undo, batch) });
  };
  /** Applies a planned action as one batch, or says why not; true when it was applied (or changed nothing). */
  const apply = (kind: EditKind, plan: EditPlan): boolean => {
    if (!plan.ok) {
      setNotice({ tone: "error", text: problemText(plan.problem) });
      return false;
    }
    const batch = makeBatch(kind, context, plan.changes, lookup);
    if (batch) record(batch);
    const done: Partial<Record<EditKind, MessageKey>> = {
      PASTE: "grid.done.PASTE",
      FILL: "grid.done.FILL",
      CLEAR: "grid.done.CLEAR",
      HOLD: "grid.done.HOLD",
    };
    const key = done[kind];
    setNotice(key ? { tone: "info", text: t(key, { count: batch?.edits.length ?? 0 }) } : null);
    return true;
  };
  const refuseReadOnly = (): boolean => {
    if (!readOnly) return false;
    setNotice({ tone: "error", text: t("grid.readOnly", { reason: readOnly.reason }) });
    return true;
  };

  const focusGrid = () => scrollerRef.current?.focus({ preventScroll: true });

  /** Opens an editor on the focus cell, if it can be edited; otherwise says why. */
  const openEditor = (at: CellPosition, mode: EditorMode, text: string) => {
    if (refuseReadOnly()) return;
    const { access } = grid.target(at.row, at.col);
    if (access !== "EDITABLE") {
      const problem: EditProblem =
        access === "HELD"
          ? { code: "HELD", row: at.row, col: at.col }
          : { code: "NOT_EDITABLE", row: at.row, col: at.col, access };
      setNotice({ tone: "error", text: problemText(problem) });
      return;
    }
    setSelection(selectCell(at));
    setNotice(null);
    setEditor({ at, mode, text });
  };

  /** Commits the open editor; false (editor kept, message shown) when its text is not an amount. */
  const commitEditor = (): boolean => {
    if (!editor) return true;
    if (!apply("EDIT", planTypedValue(grid, editor.at, editor.text))) return false;
    setEditor(null);
    return true;
  };

  const moveFocus = (next: Selection) => {
    scrollToFocus.current = true;
    setSelection(next);
  };

  /** Emits an undo or redo, or says which held cell it would overwrite; false when refused. */
  const replay = (result: Replay, kind: "UNDO" | "REDO"): boolean => {
    if (!result.ok) {
      const { rowKey, month } = result.held;
      const at = rows.findIndex((r) => r.kind === "SPEC" && r.row.key === rowKey);
      const col = columns.findIndex((c) => c.input && c.period.index === month);
      setNotice({ tone: "error", text: problemText({ code: "HELD", row: at, col }) });
      return false;
    }
    if (result.batch) onChange(result.batch);
    setNotice({ tone: "info", text: t(`grid.done.${kind}`, { count: result.batch?.edits.length ?? 0 }) });
    return true;
  };
  const runUndo = () => {
    const taken = takeUndo(undo);
    if (!taken) return setNotice({ tone: "info", text: t("grid.nothingToUndo") });
    if (replay(undoBatch(taken.batch, lookup), "UNDO")) setUndoState({ key: historyKey, history: taken.history });
  };
  const runRedo = () => {
    const taken = takeRedo(undo);
    if (!taken) return setNotice({ tone: "info", text: t("grid.nothingToRedo") });
    if (replay(redoBatch(taken.batch, lookup), "REDO")) setUndoState({ key: historyKey, history: taken.history });
  };
  const runFillDown = () => {
    if (refuseReadOnly()) return;
    apply("FILL", planFillDown(grid, rect));
  };
  const runHold = () => {
    if (refuseReadOnly()) return;
    apply("HOLD", planHoldToggle(grid, rect));
  };

  const toggleLine = (lineId: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(lineId)) next.delete(lineId);
      else next.add(lineId);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (size.rows === 0 || event.nativeEvent.isComposing) return;
    const action = actionForKey(event, editor?.mode ?? null);
    if (!action) return;
    switch (action.type) {
      case "MOVE":
        moveFocus(move(selection, action.direction, size, { extend: action.extend, toEdge: action.toEdge }));
        break;
      case "NEXT":
        if ((action.direction === "LEFT" || action.direction === "RIGHT") && atColumnEdge(selection, action.direction, size)) {
          return; // Tab at the edge leaves the grid
        }
        moveFocus(move(selection, action.direction, size));
        break;
      case "COMMIT":
        if (commitEditor()) {
          moveFocus(move(selectCell(editor!.at), action.then, size));
          focusGrid();
        }
        break;
      case "CANCEL":
        setEditor(null);
        setNotice(null);
        focusGrid();
        break;
      case "BEGIN_EDIT":
        openEditor(selection.focus, "EDIT", grid.value(selection.focus.row, selection.focus.col) ?? "");
        break;
      case "TYPE":
        openEditor(selection.focus, "REPLACE", action.text);
        break;
      case "CLEAR":
        if (!refuseReadOnly()) apply("CLEAR", planClear(grid, rect));
        break;
      case "FILL_DOWN":
        runFillDown();
        break;
      case "UNDO":
        if (!refuseReadOnly()) runUndo();
        break;
      case "REDO":
        if (!refuseReadOnly()) runRedo();
        break;
      case "SELECT_ALL":
        setSelection(selectAll(size));
        break;
      case "TOGGLE_HOLD":
        runHold();
        break;
      case "TOGGLE_LINE": {
        const row = rows[selection.focus.row];
        if (row?.kind === "LINE") toggleLine(row.line.id);
        break;
      }
    }
    event.preventDefault();
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (editor) return; // the text box copies its own text
    const block: string[][] = [];
    for (let row = rect.top; row <= rect.bottom; row++) {
      const line: string[] = [];
      for (let col = rect.left; col <= rect.right; col++) {
        const r = rows[row];
        const c = columns[col];
        line.push(r && c ? describeCell(figures, r, c).copyText : "");
      }
      block.push(line);
    }
    event.clipboardData.setData("text/plain", formatClipboardBlock(block));
    event.preventDefault();
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (editor) return; // pasting into the text box
    event.preventDefault();
    if (refuseReadOnly() || size.rows === 0) return;
    const block = parseClipboardBlock(event.clipboardData.getData("text/plain"));
    if (!apply("PASTE", planPaste(grid, rect, block))) return;
    const single = block.length === 1 && block[0]?.length === 1;
    if (!single) {
      setSelection({
        anchor: { row: rect.top, col: rect.left },
        focus: { row: rect.top + block.length - 1, col: rect.left + (block[0]?.length ?? 1) - 1 },
      });
    }
  };

  // -------------------------------------------------------------- mouse
  const positionOf = (event: MouseEvent): CellPosition | null => {
    const cell = (event.target as Element).closest?.("[data-cell]");
    if (!cell) return null;
    return { row: Number(cell.getAttribute("data-row")), col: Number(cell.getAttribute("data-col")) };
  };
  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const at = positionOf(event);
    if (!at) return;
    if (editor && editor.at.row === at.row && editor.at.col === at.col) return; // inside the text box
    event.preventDefault(); // no text selection; the grid keeps the focus
    if (editor && !commitEditor()) return;
    setSelection(event.shiftKey ? extendTo(selection, at) : selectCell(at));
    dragging.current = true;
    focusGrid();
  };
  const onMouseOver = (event: MouseEvent<HTMLDivElement>) => {
    if (!dragging.current || (event.buttons & 1) === 0) return;
    const at = positionOf(event);
    if (at) setSelection((current) => extendTo(current, at));
  };
  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener("mouseup", stop);
    return () => window.removeEventListener("mouseup", stop);
  }, []);
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const at = positionOf(event);
    if (at && !editor) openEditor(at, "EDIT", grid.value(at.row, at.col) ?? "");
  };

  // The block the selection covers, told to the page whenever it changes (the split dialog's block).
  const { top, left, bottom, right } = rect;
  const selectedCells = useMemo(
    () => selectedBlock(rows, columns, { top, left, bottom, right }),
    [rows, columns, top, left, bottom, right],
  );
  const onSelectionChange = props.onSelectionChange;
  useEffect(() => onSelectionChange?.(selectedCells), [selectedCells, onSelectionChange]);

  // ------------------------------------------------------ virtualisation
  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: STICKY_HEIGHT,
    scrollPaddingStart: STICKY_HEIGHT,
    overscan: 10,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (index) => columnWidth(columns[index]),
    paddingStart: LABEL_WIDTH,
    scrollPaddingStart: LABEL_WIDTH,
    overscan: 3,
  });
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, columns]);
  useEffect(() => {
    if (!scrollToFocus.current) return;
    scrollToFocus.current = false;
    rowVirtualizer.scrollToIndex(selection.focus.row);
    columnVirtualizer.scrollToIndex(selection.focus.col);
  });
  // A cell asked for from outside (a finding's link): its line opens, then it
  // is selected, scrolled to and given the keyboard, once per cell asked for.
  const focusKey = props.focusCell ? cellKey(props.focusCell.rowKey, props.focusCell.month) : null;
  const focusApplied = useRef<string | null>(null);
  useEffect(() => {
    if (!props.focusCell || focusKey === null || focusApplied.current === focusKey) return;
    const { rowKey, month } = props.focusCell;
    const line = lines.find((candidate) => candidate.rows.some((row) => row.key === rowKey));
    if (line && collapsed.has(line.id)) {
      setCollapsed((current) => new Set([...current].filter((id) => id !== line.id)));
      return; // again once the line's rows are shown
    }
    const row = rows.findIndex((candidate) => candidate.kind === "SPEC" && candidate.row.key === rowKey);
    const col = columns.findIndex((column) => column.input && column.period.index === month);
    if (row < 0 || col < 0) return;
    focusApplied.current = focusKey;
    setEditor(null);
    moveFocus(selectCell({ row, col }));
    focusGrid();
  });
  const editorInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = editorInput.current;
    if (!input) return;
    input.focus({ preventScroll: true });
    input.setSelectionRange(input.value.length, input.value.length);
  }, [editor?.at.row, editor?.at.col, editor !== null]);

  const virtualColumns = columnVirtualizer.getVirtualItems();
  const totalWidth = columnVirtualizer.getTotalSize();
  const cellId = (row: number, col: number) => `${gridId}-r${row}-c${col}`;

  const renderCell = (ref: RowRef, rowIndex: number | null, col: number, left: number, width: number) => {
    const column = columns[col]!;
    const view: CellView = describeCell(figures, ref, column);
    const selectable = rowIndex !== null;
    const selected = selectable && inRect(rect, rowIndex, col);
    const active = selectable && selection.focus.row === rowIndex && selection.focus.col === col;
    const editing = selectable && editor !== null && editor.at.row === rowIndex && editor.at.col === col;
    const flag =
      cellFlags && ref.kind === "SPEC" && column.input ? cellFlags.get(cellKey(ref.row.key, column.period.index)) : undefined;
    const comment =
      cellComments && ref.kind === "SPEC" && column.input
        ? cellComments.get(cellKey(ref.row.key, column.period.index))
        : undefined;
    const classes = [
      "tg__cell",
      column.input && ref.kind === "SPEC" ? "tg__cell--input" : "tg__cell--computed",
      column.series !== "TARGET" ? "tg__cell--history" : "",
      selected ? "is-selected" : "",
      active ? "is-active" : "",
      view.negative ? "is-negative" : "",
      view.estimated ? "is-estimated" : "",
      view.held ? "is-held" : "",
      view.changed ? "is-changed" : "",
      view.band === "BELOW_LAST_YEAR" ? "is-below-band" : view.band === "ABOVE_BAND" ? "is-above-band" : "",
      flag ? "is-flagged" : "",
      comment === undefined ? "" : comment ? "has-open-comment" : "has-comment",
    ];
    const title = [
      view.estimated ? labels.estimateTitle : "",
      view.held ? labels.held : "",
      view.changed ? labels.changed : "",
      view.band ? labels[view.band] : "",
      flag ?? "",
      comment === undefined ? "" : comment ? labels.commentOpen : labels.commented,
    ].filter(Boolean);
    return (
      <div
        key={column.id}
        id={selectable ? cellId(rowIndex, col) : undefined}
        role="gridcell"
        aria-colindex={col + 2}
        aria-selected={selectable ? selected : undefined}
        aria-readonly={!(column.input && ref.kind === "SPEC") || readOnly !== null || view.held}
        data-cell={selectable ? "" : undefined}
        data-row={selectable ? rowIndex : undefined}
        data-col={selectable ? col : undefined}
        data-column={column.id}
        className={classes.filter(Boolean).join(" ")}
        style={{ left, width }}
        title={title.join(" · ") || undefined}
      >
        {editing ? (
          <input
            ref={editorInput}
            className="tg__editor"
            aria-label={nameOf(rowIndex, col)}
            value={editor.text}
            inputMode="decimal"
            onChange={(event) => setEditor({ ...editor, text: event.target.value })}
            onBlur={(event) => {
              if (!scrollerRef.current?.contains(event.relatedTarget as Node | null)) commitEditor();
            }}
          />
        ) : (
          <>
            {view.held ? <LockIcon label={labels.held} /> : null}
            <span className="tg__value">{view.text}</span>
            {view.estimated ? <sup className="tg__estimate">{labels.estimate}</sup> : null}
          </>
        )}
      </div>
    );
  };

  const activeRendered =
    rowVirtualizer.getVirtualItems().some((item) => item.index === selection.focus.row) &&
    virtualColumns.some((item) => item.index === selection.focus.col);

  return (
    <div className="tg">
      <GridToolbar
        variant={variant}
        onVariantChange={props.onVariantChange}
        historyView={historyView}
        onHistoryViewChange={setHistoryView}
        readOnly={readOnly !== null}
        canUndo={undo.past.length > 0}
        canRedo={undo.future.length > 0}
        onHold={runHold}
        onFillDown={runFillDown}
        onUndo={runUndo}
        onRedo={runRedo}
      />
      {readOnly && !readOnly.shownAbove ? (
        <p className="tg__read-only" data-testid="grid-read-only">
          {t("grid.readOnly", { reason: readOnly.reason })}
        </p>
      ) : null}
      <p className={`tg__notice tg__notice--${notice?.tone ?? "info"}`} role={notice?.tone === "error" ? "alert" : "status"}>
        {notice?.text ?? ""}
      </p>
      <div
        ref={scrollerRef}
        className="tg__scroller"
        style={{ height: props.height ?? 560 }}
        role="grid"
        tabIndex={0}
        aria-label={props.label ?? t("grid.label")}
        aria-rowcount={rows.length + 2}
        aria-colcount={columns.length + 1}
        aria-multiselectable
        aria-readonly={readOnly !== null}
        aria-activedescendant={activeRendered && !editor ? cellId(selection.focus.row, selection.focus.col) : undefined}
        onKeyDown={onKeyDown}
        onCopy={onCopy}
        onPaste={onPaste}
        onMouseDown={onMouseDown}
        onMouseOver={onMouseOver}
        onDoubleClick={onDoubleClick}
      >
        <div className="tg__canvas" style={{ width: totalWidth, height: rowVirtualizer.getTotalSize() }}>
          <div className="tg__sticky" style={{ width: totalWidth, height: STICKY_HEIGHT }}>
            <div
              role="row"
              aria-rowindex={1}
              className="tg__row tg__row--head"
              style={{ width: totalWidth, height: HEAD_HEIGHT }}
            >
              <div role="columnheader" className="tg__label tg__label--head" style={{ width: LABEL_WIDTH }}>
                <span style={{ width: SPEC_WIDTH }}>{t("grid.spec")}</span>
                <span style={{ width: CHANNEL_WIDTH }}>{t("grid.channel")}</span>
              </div>
              {virtualColumns.map((item) => {
                const column = columns[item.index]!;
                return (
                  <div
                    key={column.id}
                    role="columnheader"
                    aria-colindex={item.index + 2}
                    className={`tg__head${column.series !== "TARGET" ? " tg__head--history" : ""}`}
                    style={{ left: item.start, width: item.size }}
                  >
                    <span>{periodLabel(column.period, locale)}</span>
                    <span className="tg__head-series">
                      {column.series === "TARGET" && historyView === "YEAR" ? "" : t(`grid.series.${column.series}`)}
                    </span>
                  </div>
                );
              })}
            </div>
            <div
              role="row"
              aria-rowindex={2}
              className="tg__row tg__row--all"
              data-testid="grid-all-row"
              style={{ top: HEAD_HEIGHT, width: totalWidth, height: ROW_HEIGHT }}
            >
              <div role="rowheader" className="tg__label" style={{ width: LABEL_WIDTH }}>
                {t("grid.allSpecs")}
              </div>
              {virtualColumns.map((item) => renderCell({ kind: "ALL" }, null, item.index, item.start, item.size))}
            </div>
          </div>
          {rowVirtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const key = row.kind === "LINE" ? `line:${row.line.id}` : `row:${row.row.key}`;
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={item.index + 3}
                data-row-key={row.kind === "SPEC" ? row.row.key : undefined}
                data-line={row.kind === "LINE" ? row.line.id : undefined}
                className={`tg__row tg__row--${row.kind === "LINE" ? "line" : "spec"}${row.kind === "SPEC" && row.row.breakdown ? " tg__row--breakdown" : ""}`}
                style={{ transform: `translateY(${item.start}px)`, width: totalWidth, height: ROW_HEIGHT }}
              >
                {row.kind === "LINE" ? (
                  <div role="rowheader" className="tg__label" style={{ width: LABEL_WIDTH }}>
                    <button
                      type="button"
                      className="tg__toggle"
                      tabIndex={-1}
                      // A grid's row takes no aria-expanded (only a treegrid's does): the line's button says it.
                      aria-expanded={!row.collapsed}
                      aria-label={t(row.collapsed ? "grid.expandLine" : "grid.collapseLine", { line: row.line.name })}
                      onMouseDown={(event) => {
                        // Neither a cell selection nor the button's own focus: the grid keeps the keyboard.
                        event.stopPropagation();
                        event.preventDefault();
                      }}
                      onClick={() => toggleLine(row.line.id)}
                    >
                      {row.collapsed ? "▸" : "▾"}
                    </button>
                    {t("grid.lineTotal", { line: row.line.name })}
                  </div>
                ) : (
                  <div
                    role="rowheader"
                    className="tg__label"
                    style={{ width: LABEL_WIDTH }}
                    title={`${row.row.specName} ${row.row.channelName}`.trim()}
                  >
                    <span style={{ width: SPEC_WIDTH }}>{row.row.specName}</span>
                    <span style={{ width: CHANNEL_WIDTH }}>{row.row.channelName}</span>
                  </div>
                )}
                {virtualColumns.map((col) => renderCell(row, item.index, col.index, col.start, col.size))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface GridToolbarProps {
  readonly variant: TargetVariant;
  readonly onVariantChange: ((variant: TargetVariant) => void) | undefined;
  readonly historyView: HistoryView;
  readonly onHistoryViewChange: (view: HistoryView) => void;
  readonly readOnly: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onHold: () => void;
  readonly onFillDown: () => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/** 基本任务 / 力争目标, the history view, and the actions that also have keys. */
function GridToolbar(props: GridToolbarProps) {
  const { t } = useI18n();
  return (
    <div className="tg__toolbar">
      <div role="group" aria-label={t("grid.variant")} className="tg__variant">
        {(["BASE", "STRETCH"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={props.variant === v}
            disabled={!props.onVariantChange}
            onClick={() => props.onVariantChange?.(v)}
          >
            {t(`grid.variant.${v}`)}
          </button>
        ))}
      </div>
      <label className="tg__history-toggle">
        <input
          type="checkbox"
          checked={props.historyView === "EVERY_PERIOD"}
          onChange={(event) => props.onHistoryViewChange(event.target.checked ? "EVERY_PERIOD" : "YEAR")}
        />
        {t("grid.historyEveryPeriod")}
      </label>
      <span className="tg__actions">
        <button type="button" onClick={props.onHold} disabled={props.readOnly}>
          {t("grid.hold")}
        </button>
        <button type="button" onClick={props.onFillDown} disabled={props.readOnly}>
          {t("grid.fillDown")}
        </button>
        <button type="button" onClick={props.onUndo} disabled={props.readOnly || !props.canUndo}>
          {t("grid.undo")}
        </button>
        <button type="button" onClick={props.onRedo} disabled={props.readOnly || !props.canRedo}>
          {t("grid.redo")}
        </button>
      </span>
    </div>
  );
}

function LockIcon({ label }: { readonly label: string }) {
  return (
    <svg className="tg__lock" role="img" aria-label={label} viewBox="0 0 12 12" width="10" height="10">
      <path d="M3.5 5V3.5a2.5 2.5 0 0 1 5 0V5" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <rect x="2" y="5" width="8" height="6" rx="1" fill="currentColor" />
    </svg>
  );
}
