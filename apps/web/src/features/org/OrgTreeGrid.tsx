// The pyramid as a tree grid (WAI-ARIA treegrid, rows focused one at a time):
// ↓/↑ move, → opens a unit (its children load then, a page at a time), ←
// closes it or goes to the parent, Home/End, Enter opens the unit's page. Each
// row: status badge, children's progress, deadline, key figures.
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessageKey } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { unitPath } from "../../app/paths.js";
import { useCyclePath } from "../../app/shell/cycle.js";
import type { OrgTreeStore } from "./org-tree-store.js";
import { KeyFigureCells, UnitColumnHeaders, UnitStateCells } from "./OrgUnitCells.js";
import { keyAction, unitKey, visibleRows, type TreeAction, type TreeRow } from "./tree-model.js";
import "./org.css";

const COLUMNS = 7;

export interface OrgTreeGridProps {
  readonly store: OrgTreeStore;
  /** A row to move the focus to (after revealing a unit found by search). */
  readonly focusRequest?: { readonly id: string } | null;
}

export function OrgTreeGrid({ store, focusRequest }: OrgTreeGridProps) {
  const { locale, t } = useI18n();
  const navigate = useNavigate();
  const cyclePath = useCyclePath();
  const helpId = useId();
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const rows = visibleRows(state);
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const rowElements = useRef(new Map<string, HTMLTableRowElement>());
  // Set when the keyboard (or a reveal) moves the focus; the row takes it once rendered.
  const pendingFocus = useRef<string | null>(null);

  const stops = rows.filter((row) => row.kind !== "loading");
  const activeKey = stops.some((row) => row.key === focusedKey) ? focusedKey : (stops[0]?.key ?? null);

  useEffect(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const element = rowElements.current.get(key);
    if (element) {
      pendingFocus.current = null;
      element.focus();
    }
  });

  useEffect(() => {
    if (!focusRequest) return;
    pendingFocus.current = unitKey(focusRequest.id);
    setFocusedKey(unitKey(focusRequest.id));
  }, [focusRequest]);

  const moveFocus = (key: string) => {
    pendingFocus.current = key;
    setFocusedKey(key);
  };

  async function load(parentId: string | null, fromKeyboard: boolean) {
    const before = parentId === null ? state.roots.ids.length : (state.children.get(parentId)?.ids.length ?? 0);
    await store.loadChildren(parentId);
    const after = store.getState();
    const ids = parentId === null ? after.roots.ids : (after.children.get(parentId)?.ids ?? []);
    // The focus goes to the first unit that came in (the "load more" row is gone).
    if (fromKeyboard && ids[before]) moveFocus(unitKey(ids[before]!));
  }

  function run(action: TreeAction, fromKeyboard: boolean) {
    switch (action.type) {
      case "focus":
        return moveFocus(action.key);
      case "expand":
        return void store.expand(action.id);
      case "collapse":
        return store.collapse(action.id);
      case "open": {
        const node = state.nodes.get(action.id);
        if (node) void navigate(cyclePath(unitPath(node.code)));
        return;
      }
      case "load":
        return void load(action.parentId, fromKeyboard);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (activeKey === null || event.altKey || event.ctrlKey || event.metaKey) return;
    const action = keyAction(rows, activeKey, event.key);
    if (!action) return;
    event.preventDefault();
    run(action, true);
  }

  const rowProps = (row: TreeRow) => ({
    ref: (element: HTMLTableRowElement | null) => {
      if (element) rowElements.current.set(row.key, element);
      else rowElements.current.delete(row.key);
    },
    tabIndex: row.key === activeKey ? 0 : -1,
    "aria-level": row.level,
    onFocus: () => setFocusedKey(row.key),
  });

  const renderRow = (row: TreeRow) => {
    const indent = { paddingLeft: `calc(${row.level - 1} * 1.5rem + 0.75rem)` };
    if (row.kind === "unit") {
      const { node } = row;
      const name = locale === "en" ? node.nameEn : node.nameZh;
      const expandable = node.children.total > 0;
      return (
        <tr
          key={row.key}
          {...rowProps(row)}
          className="org-tree__row"
          data-testid="tree-row"
          data-code={node.code}
          aria-posinset={row.posInSet}
          aria-setsize={row.setSize}
          aria-expanded={expandable ? row.expanded : undefined}
        >
          <th scope="row" style={indent}>
            <span className="org-tree__unit">
              {expandable ? (
                // A pointer's way to open and close; the keyboard uses → and ← on the row.
                <span
                  className={`org-tree__toggle${row.expanded ? " org-tree__toggle--open" : ""}`}
                  aria-hidden="true"
                  onClick={() => run(row.expanded ? { type: "collapse", id: node.id } : { type: "expand", id: node.id }, false)}
                />
              ) : (
                <span className="org-tree__toggle org-tree__toggle--leaf" aria-hidden="true" />
              )}
              <Link to={cyclePath(unitPath(node.code))} tabIndex={-1}>
                {name}
              </Link>
              <span className="unit-code">{node.code}</span>
            </span>
          </th>
          <UnitStateCells node={node} />
          <KeyFigureCells node={node} />
        </tr>
      );
    }
    if (row.kind === "loading") {
      return (
        <tr key={row.key} aria-level={row.level} aria-busy="true" className="org-tree__state">
          <td colSpan={COLUMNS} style={indent}>
            <span className="org-tree__loading">{t("tree.loadingChildren")}</span>
          </td>
        </tr>
      );
    }
    if (row.kind === "error") {
      return (
        <tr key={row.key} {...rowProps(row)} className="org-tree__state" data-testid="tree-error">
          <td colSpan={COLUMNS} style={indent}>
            <span className="error-text" role="alert">
              {t("tree.loadFailed", { reason: t(errorMessageKey(row.error)) })}
            </span>{" "}
            <button
              type="button"
              className="link-button"
              tabIndex={-1}
              onClick={() => run({ type: "load", parentId: row.parentId }, false)}
            >
              {t("page.retry")}
            </button>
          </td>
        </tr>
      );
    }
    return (
      <tr key={row.key} {...rowProps(row)} className="org-tree__state" data-testid="tree-more">
        <td colSpan={COLUMNS} style={indent}>
          <button
            type="button"
            className="link-button"
            tabIndex={-1}
            onClick={() => run({ type: "load", parentId: row.parentId }, false)}
          >
            {row.remaining !== null && row.remaining > 0 ? t("tree.moreCount", { count: row.remaining }) : t("tree.more")}
          </button>
        </td>
      </tr>
    );
  };

  return (
    <>
      <p id={helpId} className="org-tree__help">
        {t("tree.keyboardHelp")}
      </p>
      <div className="table-scroll">
        <table
          role="treegrid"
          className="data-table org-tree"
          aria-label={t("tree.title")}
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              <th scope="col">{t("tree.unit")}</th>
              <UnitColumnHeaders />
            </tr>
          </thead>
          <tbody>{rows.map(renderRow)}</tbody>
        </table>
      </div>
    </>
  );
}
