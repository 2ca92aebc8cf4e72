// The Targets tab (销售目标): one metric's grid at a time (?metric=CODE), 基本任务
// or 力争目标, last year beside every cell with its estimated months (预估) and
// the method that estimated them, breakdown rows where the plan has them (and
// on request), and an explicit Save. Unsaved edits are kept per metric and
// variant (useGridDraft) until saved, and the page warns before they are left
// behind. A save that meets someone else's change shows whose and what, per
// cell, and saves nothing until the person has chosen (ConflictPanel).
import { ExportButton } from "../../finance/ExportButton.js";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { MAX_CELL_CHANGES_PER_SAVE, periodLabel } from "@pyramid/domain";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { useSearchParams } from "react-router";
import { errorSentence } from "../../../app/error-messages.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Dialog } from "../../../components/Dialog.js";
import { PageError, TableSkeleton } from "../../../components/PageStates.js";
import { CommentsPanel, targetCellMarkKey, useCommentedCells } from "../../comments/index.js";
import type {
  BreakdownAxis,
  EstimateMethod,
  GridExpansionInput,
  PlanTargetsSetupQuery,
} from "../../../graphql/generated/graphql.js";
import {
  cellKey,
  EMPTY_DRAFT,
  TargetsGrid,
  useGridDraft,
  type EditBatch,
  type GridCellInput,
  type SelectedBlock,
  type TargetVariant,
} from "../grid/index.js";
import type { PlanTabProps } from "../tabs.js";
import { FOCUS_PARAM, METRIC_PARAM, parseFocusParam } from "../targets-link.js";
import { allocationStatus } from "./allocation.js";
import { AllocationPanel } from "./AllocationPanel.js";
import { SplitDialog } from "../split/SplitDialog.js";
import { ConflictPanel } from "./ConflictPanel.js";
import { formatAmount } from "./format-amount.js";
import { buildGridView, type GridViewLabels } from "./grid-view.js";
import { LeaveGuard } from "./LeaveGuard.js";
import { BreakdownPicker } from "./BreakdownPicker.js";
import {
  blockSplitOf,
  breakdownFigureOf,
  breakdownMembers,
  memberLabel,
  monthsInWords,
  type BreakdownFigure,
  type SplitRequest,
} from "./split-request.js";
import {
  basisKey,
  buildChanges,
  draftScope,
  keepMine,
  matchConflicts,
  settleSaved,
  takeTheirs,
  VARIANTS,
  type CellBasis,
  type CellConflict,
  type ConflictChoice,
  type DraftStore,
  type PendingChange,
} from "./save-plan.js";
import {
  PLAN_TARGET_GRID_QUERY,
  PLAN_TARGETS_SETUP_QUERY,
  SAVE_TARGET_CELLS_MUTATION,
  SET_PLAN_ESTIMATE_METHOD_MUTATION,
} from "./targets-documents.js";
import "./targets.css";

type SetupPlan = PlanTargetsSetupQuery["plan"];
type Metric = SetupPlan["catalogue"]["metrics"][number];

interface Notice {
  readonly tone: "info" | "error";
  readonly text: string;
}

const NO_CELLS: readonly GridCellInput[] = [];
const NO_BASES: ReadonlyMap<string, CellBasis> = new Map();
/** The axes a figure is broken down to (细分), terminals first. */
const BREAKDOWN_AXES: readonly BreakdownAxis[] = ["TERMINAL", "DISTRIBUTOR", "TOWNSHIP", "CHANNEL"];

/** The split dialog, as opened: on a block of the selection, or a breakdown of one figure. */
type OpenSplit =
  | { readonly kind: "BLOCK"; readonly request: Extract<SplitRequest, { ok: true }> }
  | { readonly kind: "BREAKDOWN"; readonly figure: BreakdownFigure; readonly axis: BreakdownAxis };
const ESTIMATE_METHODS: readonly EstimateMethod[] = ["LAST_YEAR_SEASONALITY", "RUN_RATE"];

export function TargetsTab({ unitCode, year }: PlanTabProps) {
  const { data, error, refetch } = useQuery(PLAN_TARGETS_SETUP_QUERY, { variables: { unitCode, year } });
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  return <TargetsWorkspace plan={data.plan} unitCode={unitCode} year={year} />;
}

/**
 * The grid's scrolling height: what is left of the window below the grid's
 * box (at least 320 px), worked out again when the box moves (`layoutKey`)
 * or the window is resized.
 */
function useFillHeight(layoutKey: unknown): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(420);
  useLayoutEffect(() => {
    const update = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      // Inside the box above the scroller: the grid's toolbar and notice (≈ 75 px); below it a margin.
      setHeight(Math.max(320, Math.floor(window.innerHeight - (top + window.scrollY) - 100)));
    };
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, [layoutKey]);
  return [ref, height];
}

function TargetsWorkspace({
  plan,
  unitCode,
  year,
}: {
  readonly plan: SetupPlan;
  readonly unitCode: string;
  readonly year: number;
}) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const [params, setParams] = useSearchParams();
  const metrics = plan.catalogue.metrics;
  const metricParam = params.get(METRIC_PARAM);
  const named = metrics.find((candidate) => candidate.code === metricParam);
  const metric: Metric | undefined = named ?? metrics[0];
  const focus = parseFocusParam(params.get(FOCUS_PARAM));
  const [variant, setVariant] = useState<TargetVariant>("BASE");
  const [expand, setExpand] = useState<GridExpansionInput[]>([]);
  const nameOf = (item: { readonly nameZh: string; readonly nameEn: string }) => (locale === "en" ? item.nameEn : item.nameZh);

  const gridQuery = useQuery(PLAN_TARGET_GRID_QUERY, {
    variables: { unitCode, year, metricId: metric?.id ?? "", expand: expand.length > 0 ? expand : null },
    skip: !metric,
  });
  const grid = gridQuery.data?.plan.targetGrid;
  const current = grid && metric && grid.metric.id === metric.id ? grid : null;
  const labels: GridViewLabels = useMemo(
    () => ({
      noSpec: t("targets.noSpec"),
      figure: t("targets.figure"),
      axis: {
        CHANNEL: t("targets.axis.CHANNEL"),
        TERMINAL: t("targets.axis.TERMINAL"),
        DISTRIBUTOR: t("targets.axis.DISTRIBUTOR"),
        TOWNSHIP: t("targets.axis.TOWNSHIP"),
      },
    }),
    [t],
  );
  const view = useMemo(
    () => (current ? buildGridView(current, plan.catalogue, locale, labels) : null),
    [current, plan.catalogue, locale, labels],
  );

  // ------------------------------------------------------------ drafts
  const scope = view ? draftScope(view.metricId, variant) : "";
  const drafts = useGridDraft(view ? view.cells[variant] : NO_CELLS, view?.scale ?? 0, scope);
  const [bases, setBases] = useState<ReadonlyMap<string, CellBasis>>(NO_BASES);
  const latestDrafts = useRef(drafts.drafts);
  latestDrafts.current = drafts.drafts;
  const store: DraftStore = useMemo(() => ({ update: drafts.update, setBases }), [drafts.update]);
  const unsavedCount = useMemo(() => {
    const cells = new Set<string>();
    for (const [draftScopeId, draft] of drafts.drafts) {
      const metricId = draftScopeId.slice(0, draftScopeId.lastIndexOf("|"));
      for (const key of draft.keys()) cells.add(basisKey(metricId, key));
    }
    return cells.size;
  }, [drafts.drafts]);

  const onChange = (batch: EditBatch) => {
    if (!view || !metric) return;
    const metricLabel = nameOf(metric);
    setBases((previous) => {
      let next: Map<string, CellBasis> | null = null;
      for (const edit of batch.edits) {
        const id = basisKey(batch.metricId, edit.key);
        const drafted = VARIANTS.some((v) => drafts.drafts.get(draftScope(batch.metricId, v))?.has(edit.key));
        // The first edit of a cell records what it was read as; a cell back at its stored state starts afresh.
        if (drafted && previous.has(id)) continue;
        const stored = view.stored.get(edit.key);
        const row = view.rows.get(edit.rowKey);
        (next ??= new Map(previous)).set(id, {
          metricId: batch.metricId,
          scale: view.scale,
          label: `${metricLabel} · ${row?.name ?? edit.rowKey} · ${periodLabel({ kind: "MONTH", index: edit.month }, locale)}`,
          rowKey: edit.rowKey,
          month: edit.month,
          dimensions: edit.dimensions,
          version: edit.version,
          base: stored?.baseValue ?? null,
          stretch: stored?.stretchValue ?? null,
          isHeld: stored?.isHeld ?? false,
        });
      }
      return next ?? previous;
    });
    drafts.apply(batch);
  };

  // -------------------------------------------------------------- split
  // The split reads and writes stored cells: it opens on a grid with nothing unsaved,
  // so that what it previews is what the planner sees.
  const [split, setSplit] = useState<OpenSplit | null>(null);
  const [selection, setSelection] = useState<SelectedBlock | null>(null);
  const specNameOf = useCallback(
    (id: string | null) => {
      const spec =
        id === null ? undefined : plan.catalogue.productLines.flatMap((line) => line.specs).find((item) => item.id === id);
      return spec ? (locale === "en" ? spec.nameEn : spec.nameZh) : t("targets.noSpec");
    },
    [plan.catalogue, locale, t],
  );
  const blockRequest = useMemo(
    () => (view ? blockSplitOf(selection, view, locale, { axis: labels.axis, spec: specNameOf }) : null),
    [selection, view, locale, labels, specNameOf],
  );
  const breakdownRequest = useMemo(() => (view ? breakdownFigureOf(selection, view) : null), [selection, view]);

  // ----------------------------------------------------------- comments
  // A corner mark on every commented monthly target; one selected cell can be commented on.
  const commented = useCommentedCells(plan.id);
  const cellComments = useMemo(() => {
    if (!view || commented.cells.size === 0) return null;
    const marks = new Map<string, boolean>();
    for (const row of view.rows.values()) {
      for (let month = 1; month <= 12; month++) {
        const key = targetCellMarkKey(view.metricId, month, row.dimensionKey);
        if (commented.cells.has(key)) marks.set(cellKey(row.key, month), commented.unresolved.has(key));
      }
    }
    return marks;
  }, [view, commented]);
  const commentCell =
    view && selection && selection.rows.length === 1 && selection.months.length === 1
      ? { row: view.rows.get(selection.rows[0]!.key), month: selection.months[0]! }
      : null;
  const [commenting, setCommenting] = useState(false);

  // -------------------------------------------------------------- save
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [conflicts, setConflicts] = useState<readonly CellConflict[]>([]);
  // Not written to the cache: the grid is read again after a save (a union answer the cache cannot type without possibleTypes).
  const [saveCells] = useMutation(SAVE_TARGET_CELLS_MUTATION, { fetchPolicy: "no-cache" });
  const unresolved = conflicts.filter((conflict) => conflict.choice === null).length;
  // Every conflict decided and nothing left to save (all taken as theirs): the panel has done its work.
  useEffect(() => {
    if (conflicts.length > 0 && unresolved === 0 && unsavedCount === 0) setConflicts([]);
  }, [conflicts.length, unresolved, unsavedCount]);

  /**
   * Stored targets changed. `keep`: the grid shown now, refetched by the caller
   * (so that it never shows the stored values of before while the new ones
   * come); every other grid, the findings and the tree's figures are read
   * again when next shown. Without `keep` the grid shown now refetches too.
   */
  const forgetTargets = useCallback(
    (keep?: { readonly metricId: string; readonly expand: unknown }) => {
      const id = client.cache.identify({ __typename: "Plan", id: plan.id });
      client.cache.modify({
        id,
        fields: {
          targetGrid: (value, { storeFieldName, DELETE }) => (keep && sameGridArgs(storeFieldName, keep) ? value : DELETE),
        },
      });
      for (const fieldName of ["targetGrids", "targetCells", "findings"]) client.cache.evict({ id, fieldName });
      client.cache.evict({ id: "ROOT_QUERY", fieldName: "orgTree" });
      client.cache.gc();
    },
    [client, plan.id],
  );
  const gridArgs = { metricId: metric?.id ?? "", expand: expand.length > 0 ? expand : null };
  const refetchGrid = async () => {
    await gridQuery.refetch();
    forgetTargets(gridArgs);
  };

  const save = async () => {
    const built = buildChanges(drafts.drafts, bases);
    if (!built.ok) {
      setNotice({ tone: "error", text: t("targets.stretchWithoutBase", { cell: built.problem.basis.label }) });
      return;
    }
    const toSend = built.changes.filter((change) => change.input !== null);
    const nothingToStore = built.changes.filter((change) => change.input === null);
    setSaving(true);
    setNotice(null);
    let savedCount = 0;
    let chunk: readonly PendingChange[] = [];
    try {
      settleSaved(nothingToStore, [], latestDrafts.current, store);
      for (let start = 0; start < toSend.length; start += MAX_CELL_CHANGES_PER_SAVE) {
        chunk = toSend.slice(start, start + MAX_CELL_CHANGES_PER_SAVE);
        const { data } = await saveCells({ variables: { planId: plan.id, changes: chunk.map((change) => change.input!) } });
        const answer = data?.saveTargetCells;
        if (!answer) throw new Error("no answer to saveTargetCells");
        if (answer.__typename === "TargetCellsConflict") {
          // Their values under the person's edits, before the choice is offered.
          await refetchGrid();
          setConflicts(matchConflicts(chunk, answer));
          if (savedCount > 0) setNotice({ tone: "info", text: t("targets.saved", { count: savedCount }) });
          return;
        }
        savedCount += answer.cells.length;
        // The saved values reach the grid before the edits leave the draft: no glimpse of the values of before.
        if (start + MAX_CELL_CHANGES_PER_SAVE >= toSend.length) await refetchGrid().catch(() => forgetTargets());
        settleSaved(chunk, answer.cells, latestDrafts.current, store);
      }
      setConflicts([]);
      setNotice({ tone: "info", text: t("targets.saved", { count: savedCount }) });
    } catch (error) {
      const sentence = errorSentence(error);
      const reason = t(sentence.key, sentence.params);
      const index = sentence.params["index"];
      const failed = typeof index === "number" ? chunk[index] : undefined;
      setNotice({
        tone: "error",
        text: failed
          ? t("targets.saveFailedAt", { index: (index as number) + 1, cell: failed.basis.label, reason })
          : t("targets.saveFailed", { reason }),
      });
    } finally {
      setSaving(false);
    }
  };

  const choose = (conflict: CellConflict, choice: ConflictChoice) => {
    if (choice === "THEIRS") takeTheirs(conflict, store);
    else keepMine(conflict, store);
    setConflicts((list) => list.map((item) => (item === conflict ? { ...item, choice } : item)));
  };

  // ---------------------------------------------------- estimate method
  const [setEstimateMethod, { loading: changingMethod }] = useMutation(SET_PLAN_ESTIMATE_METHOD_MUTATION);
  const changeMethod = async (method: EstimateMethod) => {
    try {
      await setEstimateMethod({ variables: { input: { planId: plan.id, method } } });
      forgetTargets();
      setNotice({ tone: "info", text: t("targets.estimate.changed", { method: t(`targets.estimate.${method}`) }) });
    } catch (error) {
      const sentence = errorSentence(error);
      setNotice({ tone: "error", text: t("targets.estimate.failed", { reason: t(sentence.key, sentence.params) }) });
    }
  };

  // ---------------------------------------------------------- breakdowns
  const baseDraft = view ? (drafts.drafts.get(draftScope(view.metricId, "BASE")) ?? EMPTY_DRAFT) : EMPTY_DRAFT;
  const allocation = useMemo(
    () => (view && metric ? allocationStatus(view, baseDraft, metric.aggregation === "SUM") : null),
    [view, baseDraft, metric],
  );
  const cellFlags = useMemo(() => {
    if (!allocation || variant !== "BASE" || !view) return null;
    const flags = new Map<string, string>();
    for (const [key, items] of allocation.unbalanced) {
      flags.set(
        key,
        items
          .map(({ axis, month }) => {
            const params = { axis: labels.axis[axis], allocated: formatAmount(month.allocated, view.scale) };
            if (month.remaining === null) return t("targets.allocation.flagNoFigure", params);
            return month.remaining.startsWith("-")
              ? t("targets.allocation.flagOver", { ...params, amount: formatAmount(month.remaining.slice(1), view.scale) })
              : t("targets.allocation.flagRemaining", { ...params, amount: formatAmount(month.remaining, view.scale) });
          })
          .join("；"),
      );
    }
    return flags;
  }, [allocation, variant, view, labels, t]);

  const focusCell = (rowKey: string, month: number) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(FOCUS_PARAM, `${rowKey}:${month}`);
        return next;
      },
      { replace: true },
    );
  const chooseMetric = (code: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set(METRIC_PARAM, code);
      next.delete(FOCUS_PARAM);
      return next;
    });

  const [gridBox, gridHeight] = useFillHeight(`${view !== null}|${conflicts.length}`);
  const readOnlyReason = plan.editable
    ? null
    : plan.readOnlyReason === "ROLE"
      ? t("workbench.readOnly.ROLE")
      : t("workbench.readOnly.STATUS", { status: t(`plan.status.${plan.status}`) });
  // The workbench's header already says why the plan is read-only: the grid does not say it again.
  const readOnly = useMemo(
    () => (readOnlyReason === null ? null : { reason: readOnlyReason, shownAbove: true }),
    [readOnlyReason],
  );
  const band = useMemo(() => ({ minGrowth: plan.growthBand.min, maxGrowth: plan.growthBand.max }), [plan.growthBand]);
  const gridMetric = useMemo(
    () => (metric ? { id: metric.id, scale: metric.scale, aggregation: metric.aggregation, unit: metric.unit } : null),
    [metric],
  );
  const focusMissing = focus !== null && view !== null && !view.rows.has(focus.rowKey);

  const canSave = plan.editable && !saving && unsavedCount > 0 && unresolved === 0;
  if (!metric || !gridMetric) return <p className="notice">{t("targets.noMetrics")}</p>;
  const splitBlocked = unsavedCount > 0 || saving;
  const estimate = current?.estimate;
  // Rows the chosen seasonality could not estimate (no usable Y-2), and shares, always by the run rate.
  const fallbackRows =
    current?.rows.filter((row) => row.estimateFallback !== null && row.estimateFallback !== "NOT_ADDITIVE").length ?? 0;
  const notAdditive = current?.rows.some((row) => row.estimateFallback === "NOT_ADDITIVE") ?? false;
  const monthsText = (months: readonly number[]) =>
    months.map((month) => periodLabel({ kind: "MONTH", index: month }, locale)).join(locale === "en" ? ", " : "、");

  return (
    <div
      className="targets"
      data-testid="targets-tab"
      onKeyDown={(event) => {
        // Ctrl+S (⌘S) saves, as in the spreadsheet people come from.
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
          event.preventDefault();
          if (canSave) void save();
        }
      }}
    >
      <div className="targets__bar">
        <label className="targets__field">
          <span>{t("targets.metric")}</span>
          <select value={metric.code} onChange={(event) => chooseMetric(event.target.value)}>
            {metrics.map((option) => (
              <option key={option.id} value={option.code}>
                {nameOf(option)}
              </option>
            ))}
          </select>
        </label>
        <label className="targets__field">
          <span>{t("targets.estimate.method")}</span>
          <select
            value={plan.estimateMethod}
            disabled={!plan.editable || changingMethod}
            onChange={(event) => void changeMethod(event.target.value as EstimateMethod)}
          >
            {ESTIMATE_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`targets.estimate.${method}`)}
              </option>
            ))}
          </select>
        </label>
        <ExportButton kind="targets" unitCode={unitCode} basis="LATEST" />
        {plan.editable && metric.aggregation === "SUM" ? (
          <>
            <button
              type="button"
              className="button button--secondary"
              data-testid="open-split"
              disabled={splitBlocked || !blockRequest?.ok}
              title={
                unsavedCount > 0
                  ? t("targets.splitNeedsSave")
                  : blockRequest && !blockRequest.ok
                    ? t(blockRequest.reason)
                    : blockRequest?.ok
                      ? t(blockRequest.scope.key, blockRequest.scope.params)
                      : undefined
              }
              onClick={() => {
                if (blockRequest?.ok) setSplit({ kind: "BLOCK", request: blockRequest });
              }}
            >
              {t("targets.splitSelection")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="open-breakdown"
              disabled={splitBlocked || !breakdownRequest?.ok}
              title={
                unsavedCount > 0
                  ? t("targets.splitNeedsSave")
                  : breakdownRequest && !breakdownRequest.ok
                    ? t(breakdownRequest.reason)
                    : undefined
              }
              onClick={() => {
                if (breakdownRequest?.ok) setSplit({ kind: "BREAKDOWN", figure: breakdownRequest.figure, axis: "TERMINAL" });
              }}
            >
              {t("targets.splitBreakdown")}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-cell-comments"
          disabled={!commentCell?.row}
          title={commentCell?.row ? undefined : t("targets.commentNeedsCell")}
          onClick={() => setCommenting(true)}
        >
          {t("targets.commentCell")}
        </button>
        {plan.editable ? (
          <div className="targets__save">
            <span className="targets__unsaved" data-testid="unsaved-count" aria-live="polite">
              {unsavedCount > 0 ? t("targets.unsaved", { count: unsavedCount }) : t("targets.allSaved")}
            </span>
            <button
              type="button"
              className="button targets__save-button"
              disabled={!canSave}
              title={unresolved > 0 ? t("targets.conflict.unresolved", { count: unresolved }) : t("targets.saveHint")}
              onClick={() => void save()}
            >
              {saving ? t("targets.saving") : t("targets.save")}
            </button>
          </div>
        ) : null}
      </div>
      {estimate ? (
        <p className="targets__estimate" data-testid="estimate-note">
          {estimate.estimatedMonths.length > 0
            ? t("targets.estimate.months", {
                year: estimate.year,
                through: estimate.actualThroughMonth,
                months: monthsText(estimate.estimatedMonths),
              })
            : t("targets.estimate.none", { year: estimate.year })}
          {fallbackRows > 0 ? ` ${t("targets.estimate.fallback", { count: fallbackRows })}` : ""}
          {notAdditive ? ` ${t("targets.estimate.notAdditive")}` : ""}
          {variant === "STRETCH" ? ` ${t("targets.stretchHint")}` : ""}
        </p>
      ) : null}
      {named === undefined && metricParam ? (
        <p className="notice" role="status">
          {t("targets.metricUnknown", { code: metricParam, name: nameOf(metric) })}
        </p>
      ) : null}
      {focusMissing ? (
        <p className="notice" role="status">
          {t("targets.focusMissing", { cell: `${focus.rowKey}:${focus.month}` })}
        </p>
      ) : null}
      <p
        className={`targets__notice targets__notice--${notice?.tone ?? "info"}`}
        role={notice?.tone === "error" ? "alert" : "status"}
      >
        {notice?.text ?? ""}
      </p>
      {commenting && view && commentCell?.row ? (
        <Dialog
          title={t("targets.commentTitle", {
            cell: `${nameOf(metric)} · ${commentCell.row.name} · ${monthsInWords([commentCell.month], locale)}`,
          })}
          onClose={() => setCommenting(false)}
          actions={
            <button type="button" className="button" onClick={() => setCommenting(false)}>
              {t("targets.commentClose")}
            </button>
          }
          testId="cell-comments"
        >
          <CommentsPanel
            planId={plan.id}
            anchor={{
              kind: "TARGET_CELL",
              metricId: view.metricId,
              month: commentCell.month,
              dimensionKey: commentCell.row.dimensionKey,
            }}
          />
        </Dialog>
      ) : null}
      {split ? (
        <SplitDialog
          planId={plan.id}
          metric={metric}
          block={
            split.kind === "BLOCK"
              ? split.request.block
              : {
                  months: split.figure.months,
                  ...(split.figure.productSpecId === null ? {} : { productSpecIds: [split.figure.productSpecId] }),
                  breakdown: { axis: split.axis, memberIds: breakdownMembers(plan.catalogue, split.axis) },
                }
          }
          scope={
            split.kind === "BLOCK"
              ? t(split.request.scope.key, split.request.scope.params)
              : t("targets.scope.members", {
                  count: breakdownMembers(plan.catalogue, split.axis).length,
                  axis: labels.axis[split.axis],
                  spec: specNameOf(split.figure.productSpecId),
                  months: monthsInWords(split.figure.months, locale),
                })
          }
          {...(split.kind === "BREAKDOWN"
            ? {
                initialFigure: "FIGURES" as const,
                breakdown: {
                  figureName: split.figure.name,
                  figures: split.figure.figures,
                  axes: BREAKDOWN_AXES,
                  onAxisChange: (axis: BreakdownAxis) => setSplit({ ...split, axis }),
                },
              }
            : {})}
          rowLabel={(row) =>
            row.memberId !== null ? memberLabel(plan.catalogue, row.memberId, locale) : specNameOf(row.productSpecId)
          }
          onApplied={(applied) => {
            if (split.kind === "BREAKDOWN") {
              const wanted = { productSpecId: split.figure.productSpecId, axis: split.axis };
              setExpand((list) =>
                list.some((item) => item.axis === wanted.axis && item.productSpecId === wanted.productSpecId)
                  ? list
                  : [...list, wanted],
              );
            }
            setSplit(null);
            setNotice({ tone: "info", text: t("targets.splitApplied", { count: applied.cells.length }) });
            void refetchGrid().catch(() => forgetTargets());
          }}
          onClose={() => setSplit(null)}
        />
      ) : null}
      {conflicts.length > 0 ? (
        <ConflictPanel
          conflicts={conflicts}
          onChoose={choose}
          onSave={() => void save()}
          saving={saving}
          canSave={unresolved === 0 && unsavedCount > 0}
        />
      ) : null}
      {gridQuery.error && !view ? (
        <PageError error={gridQuery.error} onRetry={() => void gridQuery.refetch().catch(() => undefined)} />
      ) : (
        <div ref={gridBox}>
          {view ? (
            <TargetsGrid
              key={view.metricId}
              metric={gridMetric}
              lines={view.lines}
              cells={view.cells[variant]}
              history={view.history}
              draft={drafts.draft}
              onChange={onChange}
              variant={variant}
              onVariantChange={setVariant}
              band={band}
              readOnly={readOnly}
              focusCell={focus}
              cellFlags={cellFlags}
              cellComments={cellComments}
              onSelectionChange={setSelection}
              height={gridHeight}
              label={`${t("grid.label")}：${nameOf(metric)}`}
            />
          ) : (
            <TableSkeleton />
          )}
        </div>
      )}
      {view && allocation && allocation.allocations.length > 0 ? (
        <AllocationPanel allocations={allocation.allocations} view={view} onFocus={focusCell} />
      ) : null}
      {view ? (
        <BreakdownPicker
          catalogue={plan.catalogue}
          onShow={(wanted) =>
            setExpand((list) =>
              list.some((item) => item.axis === wanted.axis && item.productSpecId === wanted.productSpecId)
                ? list
                : [...list, wanted],
            )
          }
        />
      ) : null}
      <LeaveGuard unsavedCount={unsavedCount} />
    </div>
  );
}

/** Whether a cached targetGrid field ("targetGrid({…args…})") is the one read with these arguments. */
function sameGridArgs(storeFieldName: string, args: { readonly metricId: string; readonly expand: unknown }): boolean {
  const open = storeFieldName.indexOf("(");
  if (open < 0) return false;
  try {
    const stored = JSON.parse(storeFieldName.slice(open + 1, -1)) as { metricId?: unknown; expand?: unknown };
    return stored.metricId === args.metricId && JSON.stringify(stored.expand ?? null) === JSON.stringify(args.expand ?? null);
  } catch {
    return false;
  }
}
