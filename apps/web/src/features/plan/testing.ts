// A small plan for the workbench's tests (imported by *.test.* only): 从化's
// 2027 plan with two metrics, one product line of two specs, and the answers
// of the API the workbench asks. The tests work their figures from these by hand.
//
// 销售额 grid: "F|" (no spec, empty); "F|s1" 金樽500ml, Jan 1,000.00 (version 3),
// Y-1 Jan 900.00 and Nov 100.00 (an estimate), Y-2 Jan 800.00; its channel
// breakdown "B|s1|CHANNEL|ch-ka" 商超, Jan 400.00 (version 1); "F|s2" 金樽250ml, empty.
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { PLAN_COMMENT_MARKERS_QUERY } from "../comments/comments-documents.js";
import { PLAN_HEADER_QUERY } from "./plan-documents.js";
import { PLAN_TARGET_GRID_QUERY, PLAN_TARGETS_SETUP_QUERY, SAVE_TARGET_CELLS_MUTATION } from "./targets/targets-documents.js";

export const PLAN_ID = "plan-conghua";
export const VARIABLES = { unitCode: "CONGHUA", year: 2027 } as const;

type PlanStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | "REOPENED";
export interface PlanState {
  readonly status?: PlanStatus;
  readonly editable?: boolean;
  readonly readOnlyReason?: "ROLE" | "STATUS" | null;
}

const ancestor = (id: string, code: string, nameZh: string, nameEn: string, level: string) => ({
  __typename: "PlanUnitAncestor",
  id,
  code,
  nameZh,
  nameEn,
  level,
});

export function headerMock(state: PlanState = {}): MockLink.MockedResponse {
  return {
    request: { query: PLAN_HEADER_QUERY, variables: VARIABLES },
    result: {
      data: {
        plan: {
          __typename: "Plan",
          id: PLAN_ID,
          status: state.status ?? "DRAFT",
          version: 3,
          staleSince: null,
          editable: state.editable ?? true,
          readOnlyReason: state.readOnlyReason ?? null,
          unit: {
            __typename: "PlanUnit",
            id: "u-conghua",
            code: "CONGHUA",
            nameZh: "从化区市场部",
            nameEn: "Conghua market department",
            level: "COUNTY",
            ancestors: [
              ancestor("u-hq", "HQ", "营销总部", "Marketing HQ", "HQ"),
              ancestor("u-gd", "GD", "广东省分公司", "Guangdong branch", "PROVINCE"),
              ancestor("u-gz", "GZ", "广州办事处", "Guangzhou office", "CITY"),
            ],
          },
          cycle: {
            __typename: "PlanCycle",
            id: "c2027",
            code: "FY2027",
            year: 2027,
            nameZh: "2027年度营销方案",
            nameEn: "FY2027 plan",
          },
        },
      },
    },
  };
}

export function headerErrorMock(error: GraphQLError | Error): MockLink.MockedResponse {
  return error instanceof GraphQLError
    ? { request: { query: PLAN_HEADER_QUERY, variables: VARIABLES }, result: { errors: [error] } }
    : { request: { query: PLAN_HEADER_QUERY, variables: VARIABLES }, error };
}

export const notFound = () => new GraphQLError("No such plan.", { extensions: { code: "NOT_FOUND" } });

const metric = (id: string, code: string, nameZh: string, nameEn: string, unit: string, scale: number) => ({
  __typename: "PlanMetric",
  id,
  code,
  nameZh,
  nameEn,
  unit,
  scale,
  aggregation: "SUM",
});

export const SALES = metric("m-sales", "SALES_REVENUE", "销售额", "Sales revenue", "CNY", 2);
export const VOLUME = metric("m-volume", "SALES_VOLUME", "销量", "Volume", "UNIT", 0);

const terminal = (id: string, code: string, name: string, classCode: string, classRank: number, isCore: boolean) => ({
  __typename: "CatalogueTerminal",
  id,
  code,
  name,
  classCode,
  classRank,
  isCore,
});
const terminalClass = (code: string, rank: number, splitRequired: boolean) => ({
  __typename: "CatalogueTerminalClass",
  code,
  rank,
  splitRequired,
});

export function setupMock(state: PlanState = {}): MockLink.MockedResponse {
  const spec = (id: string, code: string, nameZh: string, nameEn: string) => ({
    __typename: "CatalogueProductSpec",
    id,
    code,
    nameZh,
    nameEn,
    lineId: "line-jz",
  });
  return {
    request: { query: PLAN_TARGETS_SETUP_QUERY, variables: VARIABLES },
    result: {
      data: {
        plan: {
          __typename: "Plan",
          id: PLAN_ID,
          status: state.status ?? "DRAFT",
          editable: state.editable ?? true,
          readOnlyReason: state.readOnlyReason ?? null,
          estimateMethod: "LAST_YEAR_SEASONALITY",
          growthBand: { __typename: "GrowthBand", min: "0", max: "0.3" },
          catalogue: {
            __typename: "PlanCatalogue",
            metrics: [SALES, VOLUME],
            productLines: [
              {
                __typename: "CatalogueProductLine",
                id: "line-jz",
                code: "JZ",
                nameZh: "金樽系列",
                nameEn: "Jinzun",
                specs: [spec("s1", "JZ-500", "金樽500ml", "Jinzun 500ml"), spec("s2", "JZ-250", "金樽250ml", "Jinzun 250ml")],
              },
            ],
            channels: [{ __typename: "CatalogueChannel", id: "ch-ka", code: "KA", nameZh: "商超", nameEn: "Supermarkets" }],
            // Classes A and B must carry a target (B and above); core terminals do whatever their class.
            terminals: [
              terminal("t1", "T1", "百佳超市", "A", 1, true),
              terminal("t2", "T2", "好又多", "B", 2, false),
              terminal("t3", "T3", "街口烟酒店", "C", 3, true),
              terminal("t4", "T4", "村头小卖部", "D", 4, false),
            ],
            terminalClasses: [
              terminalClass("A", 1, true),
              terminalClass("B", 2, true),
              terminalClass("C", 3, false),
              terminalClass("D", 4, false),
            ],
            distributors: [],
            townships: [],
          },
        },
      },
    },
  };
}

/** A stored cell as the grid query answers it. */
export interface CellFixture {
  readonly id: string;
  readonly baseValue: string;
  readonly stretchValue?: string | null;
  readonly version: number;
  readonly isHeld?: boolean;
}

interface RowFixture {
  readonly key: string;
  readonly kind: "FIGURE" | "BREAKDOWN";
  readonly axis: "CHANNEL" | "TERMINAL" | null;
  readonly productSpecId: string | null;
  readonly memberId: string | null;
  readonly coordinates: {
    readonly productSpecId: string | null;
    readonly channelId: string | null;
    readonly terminalId?: string;
    readonly dimensionKey: string;
  };
  readonly history: Readonly<Record<number, { lastYear: string; estimated?: boolean; yearBefore?: string }>>;
}

const ROWS: readonly RowFixture[] = [
  {
    key: "F|",
    kind: "FIGURE",
    axis: null,
    productSpecId: null,
    memberId: null,
    coordinates: { productSpecId: null, channelId: null, dimensionKey: "" },
    history: {},
  },
  {
    key: "F|s1",
    kind: "FIGURE",
    axis: null,
    productSpecId: "s1",
    memberId: null,
    coordinates: { productSpecId: "s1", channelId: null, dimensionKey: "spec=s1" },
    history: { 1: { lastYear: "900.00", yearBefore: "800.00" }, 11: { lastYear: "100.00", estimated: true } },
  },
  {
    key: "B|s1|CHANNEL|ch-ka",
    kind: "BREAKDOWN",
    axis: "CHANNEL",
    productSpecId: "s1",
    memberId: "ch-ka",
    coordinates: { productSpecId: "s1", channelId: "ch-ka", dimensionKey: "spec=s1;channel=ch-ka" },
    history: {},
  },
  {
    key: "F|s2",
    kind: "FIGURE",
    axis: null,
    productSpecId: "s2",
    memberId: null,
    coordinates: { productSpecId: "s2", channelId: null, dimensionKey: "spec=s2" },
    history: {},
  },
];

/** The cells of the first answer: F|s1 Jan 1,000.00 (v3), its 商超 breakdown Jan 400.00 (v1). */
export const FIRST_CELLS: Readonly<Record<string, CellFixture>> = {
  "F|s1:1": { id: "c1", baseValue: "1000.00", version: 3 },
  "B|s1|CHANNEL|ch-ka:1": { id: "c2", baseValue: "400.00", version: 1 },
};

/** The grid of a metric with these cells, keyed "<row key>:<month>". */
/** 百佳超市's row under 金樽500ml, as `expand: [{ productSpecId: "s1", axis: "TERMINAL" }]` adds it. */
export const TERMINAL_ROW: RowFixture = {
  key: "B|s1|TERMINAL|t1",
  kind: "BREAKDOWN",
  axis: "TERMINAL",
  productSpecId: "s1",
  memberId: "t1",
  coordinates: { productSpecId: "s1", channelId: null, terminalId: "t1", dimensionKey: "spec=s1;terminal=t1" },
  history: {},
};

export function gridMock(
  cells: Readonly<Record<string, CellFixture>> = FIRST_CELLS,
  metricFixture: typeof SALES = SALES,
  expansion: {
    readonly expand: readonly { productSpecId: string | null; axis: string }[];
    readonly rows: readonly RowFixture[];
  } | null = null,
): MockLink.MockedResponse {
  const rows = expansion ? [...ROWS.slice(0, 3), ...expansion.rows, ...ROWS.slice(3)] : ROWS;
  return {
    request: {
      query: PLAN_TARGET_GRID_QUERY,
      variables: { ...VARIABLES, metricId: metricFixture.id, expand: expansion ? expansion.expand : null },
    },
    result: {
      data: {
        plan: {
          __typename: "Plan",
          id: PLAN_ID,
          targetGrid: {
            __typename: "TargetGrid",
            metric: {
              __typename: "PlanMetric",
              id: metricFixture.id,
              code: metricFixture.code,
              scale: metricFixture.scale,
              aggregation: "SUM",
            },
            estimate: {
              __typename: "GridEstimate",
              method: "LAST_YEAR_SEASONALITY",
              year: 2026,
              actualThroughMonth: 10,
              estimatedMonths: [11, 12],
            },
            rows: rows.map((row) => ({
              __typename: "TargetGridRow",
              key: row.key,
              kind: row.kind,
              axis: row.axis,
              productSpecId: row.productSpecId,
              productLineId: row.productSpecId ? "line-jz" : null,
              memberId: row.memberId,
              coordinates: {
                __typename: "CellCoordinates",
                productSpecId: row.coordinates.productSpecId,
                channelId: row.coordinates.channelId,
                terminalId: row.coordinates.terminalId ?? null,
                distributorId: null,
                townshipId: null,
                dimensionKey: row.coordinates.dimensionKey,
              },
              months: Array.from({ length: 12 }, (_, index) => {
                const month = index + 1;
                const cell = cells[`${row.key}:${month}`];
                const history = row.history[month];
                return {
                  __typename: "TargetGridSlot",
                  month,
                  cell: cell
                    ? {
                        __typename: "TargetCell",
                        id: cell.id,
                        baseValue: cell.baseValue,
                        stretchValue: cell.stretchValue ?? null,
                        isHeld: cell.isHeld ?? false,
                        version: cell.version,
                        updatedAt: "2026-11-20T02:00:00.000Z",
                        updatedBy: { __typename: "PlanPerson", id: "u-planner", displayName: "陈秀英" },
                      }
                    : null,
                  lastYear: history
                    ? { __typename: "HistoryValue", value: history.lastYear, estimated: history.estimated ?? false }
                    : null,
                  yearBefore: history?.yearBefore ?? null,
                };
              }),
              estimateMethodUsed: row.key === "F|s1" ? "LAST_YEAR_SEASONALITY" : null,
              estimateFallback: null,
            })),
          },
        },
      },
    },
  };
}

/** One change as the workbench sends it (no breakdown dimensions). */
export function change(
  productSpecId: string | null,
  month: number,
  baseValue: string | null,
  expectedVersion: number | null,
  extra: { readonly stretchValue?: string | null; readonly isHeld?: boolean; readonly channelId?: string } = {},
) {
  return {
    metricId: SALES.id,
    month,
    productSpecId,
    channelId: extra.channelId ?? null,
    terminalId: null,
    distributorId: null,
    townshipId: null,
    baseValue,
    ...("stretchValue" in extra ? { stretchValue: extra.stretchValue } : {}),
    ...("isHeld" in extra ? { isHeld: extra.isHeld } : {}),
    expectedVersion,
  };
}

type Change = ReturnType<typeof change>;

const dimensionKeyOf = (item: Change) =>
  [item.productSpecId ? `spec=${item.productSpecId}` : null, item.channelId ? `channel=${item.channelId}` : null]
    .filter(Boolean)
    .join(";");

/** saveTargetCells answering TargetCellsSaved; each saved cell gets `versions[i]`. */
export function savedMock(changes: readonly Change[], versions: readonly number[]): MockLink.MockedResponse {
  return {
    request: { query: SAVE_TARGET_CELLS_MUTATION, variables: { planId: PLAN_ID, changes } },
    result: {
      data: {
        saveTargetCells: {
          __typename: "TargetCellsSaved",
          planId: PLAN_ID,
          cells: changes.map((item, index) => ({
            __typename: "SavedTargetCell",
            metricId: item.metricId,
            month: item.month,
            dimensionKey: dimensionKeyOf(item),
            id: `saved-${index}`,
            version: versions[index] ?? 1,
            baseValue: item.baseValue,
            stretchValue: item.stretchValue ?? null,
            isHeld: item.isHeld ?? false,
          })),
        },
      },
    },
  };
}

/** saveTargetCells answering TargetCellsConflict: `stale` changes were changed by 王芳 to `theirs`. */
export function conflictMock(
  changes: readonly Change[],
  stale: readonly { readonly change: Change; readonly theirs: string; readonly version: number }[],
): MockLink.MockedResponse {
  return {
    request: { query: SAVE_TARGET_CELLS_MUTATION, variables: { planId: PLAN_ID, changes } },
    result: {
      data: {
        saveTargetCells: {
          __typename: "TargetCellsConflict",
          planId: PLAN_ID,
          message: `${stale.length} cell(s) were changed by someone else since they were read.`,
          conflicts: stale.map(({ change: item, theirs, version }) => ({
            __typename: "TargetCellConflict",
            metricId: item.metricId,
            month: item.month,
            dimensionKey: dimensionKeyOf(item),
            expectedVersion: item.expectedVersion,
            current: {
              __typename: "TargetCellCurrent",
              baseValue: theirs,
              stretchValue: null,
              isHeld: false,
              version,
              updatedAt: "2026-11-28T02:30:00.000Z",
              updatedBy: { __typename: "PlanEditor", id: "u-wang", login: "conghua.wang", displayName: "王芳" },
            },
          })),
        },
      },
    },
  };
}

/** The plan's comment markers (every time they are asked): target cells as [metricId, month, dimensionKey, open threads]. */
export function markersMock(cells: readonly (readonly [string, number, string, number])[] = []): MockLink.MockedResponse {
  return {
    request: { query: PLAN_COMMENT_MARKERS_QUERY, variables: { planId: PLAN_ID } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        planCommentMarkers: cells.map(([metricId, month, dimensionKey, open]) => ({
          __typename: "CommentMarker",
          count: Math.max(open, 1),
          unresolvedThreads: open,
          anchor: {
            __typename: "CommentAnchor",
            kind: "TARGET_CELL",
            metricId,
            month,
            dimensionKey,
            sectionCode: null,
            key: `TARGET:${metricId}:${month}:${dimensionKey}`,
          },
        })),
      },
    },
  };
}
