// @pyramid/domain: the planning rules of the bottom-up sales-target and
// marketing-budget planner (HQ → province → city → county), pure TypeScript,
// no I/O. The server, the seed and the web import everything from here.
//
//   fixed          Fixed (exact decimal on bigint), Money (0.01 元), quantity;
//                  divRound (the one integer rounding rule), ratioOfUnits (the
//                  one ratio rule, RATIO_DECIMALS places, HALF_EVEN), Dec.
//   parse-amount   the one grammar for typed / pasted amounts (thousands groups,
//                  full-width forms, ¥ 元 万, (negatives)); fixed.parseAmount wraps it.
//   metrics        metric definitions as data: unit, scale, aggregation
//                  (SUM / AVERAGE / LAST), carry-over; the standard metrics.
//   periods        months, quarters, halves, the year; labels in zh-CN / en.
//   org            org levels, roles, plan statuses, materialised org paths.
//   expense-tree   the five expense categories and their 33 items.
//   rollup         the one aggregation (aggregateUnits / aggregate) over time,
//                  over the org tree (indexTree, rollupTree, sumTreeUnits) and
//                  over dimensions (rollupByDimension).
//   cell-key       the canonical dimension key of a target / expense cell.
//   cell-grain     figure or breakdown (terminal / distributor / township /
//                  channel): each amount counts once; breakdowns must add up.
//   expense        expense totals vs approved caps, virement (微调), expense
//                  ratios (费用率, expense per gross profit) vs history/siblings.
//   workflow       the status transition table and transition(), the one guard;
//                  review level by level, actors with several role assignments.
//   stale-plans    approved ancestors made stale by a reopen, and when it clears.
//   plan-versions  the immutable snapshot of a plan at submit/approve, the diff of two
//                  versions cell by cell and section by section, WARN acknowledgements.
//   split          splitting (分解) over KEYED cells: EVEN, PROPORTIONAL, SEASONAL,
//                  GROWTH, MANUAL; held cells, min/max, largest remainder with
//                  ties by key, per-cell explanation (decimals computed when
//                  read); seasonal curves and the one curve rule; MAX_SPLIT_CELLS.
//   split-grid     splitGrid for rows × columns with every margin exact
//                  (controlled rounding); apportionGridUnits on bigint arrays.
//   reconcile      parent need vs children's sum: gap, explicit uplift, gap split.
//   growth         growth vs Y-1 / Y-2, two-year CAGR, same month last year,
//                  the "跳一跳, 摸得着" band (checkGrowthBand).
//   estimate       预估: a year not over yet, completed from its actual months
//                  (last year's seasonality or the run rate), exact to the unit.
//   target-grid    one metric's workbench grid: rows × months with the cell and
//                  Y-1 (estimate flagged) / Y-2 beside it, growth and band, and
//                  totals month → quarter → half → year and spec → line → all.
//   variance       完成率, variance, YTD pacing on the target's own curve,
//                  carry-over, ranking, the 85 % / 20 % benchmark.
//   checks/types   the plan snapshot the checks read.
//   checks/registry the check codes as data (symptom, severity, messages),
//                  cycle overrides, message formatting.
//   checks/run     runPlanChecks: the four symptoms (四大症状) on one plan.
//   checks/cycle-config  the cycle's stored settings → the checks' config
//                  (checkConfigFromCycle, DEFAULT_CYCLE_SETTINGS).
//   imports        the actuals import: columns by header (zh-CN / en), lookups by code or
//                  name, months, row errors and messages, encoding and delimiter sniffing.
//   plan-template  the standard plan template (基本模块): 28 sections.
//   cycle-admin    a cycle's status steps, dates and deadlines (lower levels due
//                  first), template section rules (codes, titles, when editable).
//   access         the one access policy: role × action × the target unit's
//                  relation (unitRelation) → can(); ACCESS_POLICY as data,
//                  subtreeScope for set-based reads.
//   sign-in        login normalisation, new-password rules, session states
//                  (idle / absolute), failed-attempt limits with the retry time.
//   deadlines      a deadline day ends at midnight Beijing time (isPastDeadline).
//   expense-edits  a budget amount as typed (parseExpenseAmount: two decimals, not
//                  negative), which lines an item may have (terminal / distributor),
//                  the limits of one expense save, when a virement (微调) may run.
//   plan-edits     a target value as typed, held to its metric's scale and the
//                  column (parseTargetValue); the limits of one save (cells per
//                  batch, section text, links per section) and of one split
//                  (MAX_SPLIT_BLOCK_CELLS).
//   comments       comments on a plan, a section or a cell (by coordinates): body
//                  limit, anchor checks, the anchor's one text key (markers).
//   objections     异议: statuses, raise / answer (accept → guidance) / escalate
//                  once / withdraw guards; who answers (answeringUnitPath).
export * from "./fixed.js";
export * from "./parse-amount.js";
export * from "./metrics.js";
export * from "./periods.js";
export * from "./org.js";
export * from "./expense-tree.js";
export * from "./rollup.js";
export * from "./cell-key.js";
export * from "./cell-grain.js";
export * from "./expense.js";
export * from "./workflow.js";
export * from "./stale-plans.js";
export * from "./plan-versions.js";
export * from "./split.js";
export * from "./split-grid.js";
export * from "./reconcile.js";
export * from "./growth.js";
export * from "./estimate.js";
export * from "./target-grid.js";
export * from "./variance.js";
export * from "./checks/types.js";
export * from "./checks/registry.js";
export * from "./checks/run.js";
export * from "./checks/cycle-config.js";
export * from "./plan-template.js";
export * from "./cycle-admin.js";
export * from "./access.js";
export * from "./sign-in.js";
export * from "./deadlines.js";
export * from "./plan-edits.js";
export * from "./comments.js";
export * from "./objections.js";
export * from "./expense-edits.js";
export * from "./imports.js";
