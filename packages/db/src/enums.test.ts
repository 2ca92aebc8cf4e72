// The database's enums and the domain's vocabularies must stay the same sets:
// a value the domain can produce but the database cannot store (or the other
// way round) would only fail at run time, deep inside a transaction.
import {
  AGGREGATIONS,
  CARRY_OVERS,
  CELL_DIMENSIONS,
  CONTROLLABILITY_LABELS,
  ESTIMATE_METHODS,
  METRIC_UNITS,
  OBJECTION_STATUSES,
  ORG_LEVELS,
  PLAN_STATUSES,
  ROLES,
  WORKFLOW_ACTIONS,
} from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import {
  Aggregation,
  BreakdownAxis,
  CarryOver,
  Controllability,
  EstimateMethod,
  MetricUnit,
  ObjectionStatus,
  OrgLevel,
  PlanStatus,
  Role,
  WorkflowAction,
} from "../generated/client/index.js";

const sorted = (values: Iterable<string>) => [...values].sort();

describe("database enums match the domain", () => {
  it.each([
    ["OrgLevel", OrgLevel, ORG_LEVELS],
    ["Role", Role, ROLES],
    ["PlanStatus", PlanStatus, PLAN_STATUSES],
    ["WorkflowAction", WorkflowAction, WORKFLOW_ACTIONS],
    ["Aggregation", Aggregation, AGGREGATIONS],
    ["CarryOver", CarryOver, CARRY_OVERS],
    ["MetricUnit", MetricUnit, METRIC_UNITS],
    ["ObjectionStatus", ObjectionStatus, OBJECTION_STATUSES],
    ["Controllability", Controllability, Object.keys(CONTROLLABILITY_LABELS)],
    ["EstimateMethod", EstimateMethod, ESTIMATE_METHODS],
  ] as const)("%s", (_name, databaseEnum, domainValues) => {
    expect(sorted(Object.values(databaseEnum))).toEqual(sorted(domainValues));
  });
});

describe("TargetCell.breakdownAxis", () => {
  it("has one axis per cell dimension other than the product spec (a figure may have a spec; any other dimension makes a breakdown)", () => {
    const axes = CELL_DIMENSIONS.filter((dimension) => dimension.field !== "productSpecId").map((dimension) =>
      dimension.tag.toUpperCase(),
    );
    expect(sorted(Object.values(BreakdownAxis))).toEqual(sorted(axes));
  });
});
