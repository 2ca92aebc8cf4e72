// @vitest-environment happy-dom
// The market-information page against a mocked API: the city's reviewer lists its subtree,
// opens a county's competitor promotion (figures with thousands separators, the competitor),
// verifies it, and the badge turns; the evidence panel lists a section's records and cites
// one more.
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  choose,
  click,
  render,
  setUpReactTests,
  unit,
  unmountAll,
  viewerOf,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { EvidencePanel } from "./EvidencePanel.js";
import { ATTACH_EVIDENCE_MUTATION, AUDIT_MARKET_INFO_MUTATION, MARKET_INFO_RECORDS_QUERY } from "./market-info-documents.js";
import { MarketInfoRoute } from "./MarketInfoRoute.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

function record(values: Record<string, unknown> = {}) {
  return {
    __typename: "MarketInfoRecord",
    id: "r1",
    type: "COMPETITOR_PROMOTION",
    periodType: "HOLIDAY",
    year: 2026,
    periodIndex: null,
    holidayName: "国庆",
    unit: unit("CONGHUA", "从化区市场部", "Conghua", "COUNTY"),
    source: "INSTANT_REPORT",
    reporter: { __typename: "PlanEditor", id: "u1", displayName: "陈秀英" },
    auditStatus: "PENDING",
    auditedBy: null,
    auditedAt: null,
    auditReason: null,
    title: "古岭春国庆买赠",
    payloadJson: JSON.stringify({ promotionType: "买赠", details: "买一箱送两瓶", estimatedSpend: "12345.60" }),
    productSpec: null,
    terminal: { __typename: "MarketInfoTerminal", id: "t1", code: "CONGHUA-A01", name: "大润发（从化店）" },
    competitorName: "古岭春酒业",
    createdAt: "2026-11-29T06:05:00.000Z",
    viewerMayEdit: false,
    viewerMayAudit: true,
    ...values,
  };
}

const listMock = (filter: Record<string, unknown>, rows: unknown[]): MockLink.MockedResponse => ({
  request: { query: MARKET_INFO_RECORDS_QUERY, variables: { filter, first: 100 } },
  result: {
    data: { marketInfoRecords: { __typename: "MarketInfoPage", totalCount: rows.length, nextCursor: null, nodes: rows } },
  },
});

const reviewer = viewerOf("REVIEWER", {
  roleAssignments: [
    {
      __typename: "UserRoleAssignment",
      role: "REVIEWER",
      orgUnit: unit("GZ", "广州办事处", "Guangzhou", "CITY"),
      orgUnitPath: [unit("HQ", "营销总部", "HQ", "HQ"), unit("GZ", "广州办事处", "Guangzhou", "CITY")],
    },
  ] as never,
});

describe("MarketInfoRoute", () => {
  it("lets the city's reviewer open a county's record and verify it", async () => {
    const verified = record({
      auditStatus: "VERIFIED",
      viewerMayAudit: false,
      auditedBy: { __typename: "PlanEditor", id: "u2", displayName: "胡建华" },
    });
    const root = await render({
      path: "/market-info",
      viewer: reviewer,
      routes: <Route path="/market-info" element={<MarketInfoRoute />} />,
      mocks: [
        listMock({ unitCode: "GZ", includeAncestors: true }, [record()]),
        {
          request: { query: AUDIT_MARKET_INFO_MUTATION, variables: { input: { id: "r1", verdict: "VERIFIED" } } },
          result: { data: { auditMarketInfoRecord: { __typename: "MarketInfoRecordPayload", record: verified } } },
        },
      ],
    });
    await waitForText(root, "古岭春国庆买赠");
    expect(root.textContent).toContain("共 1 条");
    expect(root.textContent).toContain("2026年国庆");
    expect(root.textContent).toContain("待稽核");
    await click(buttonByText(root, "古岭春国庆买赠"));
    await waitForText(root, "稽核通过");
    const detail = root.querySelector("[data-testid=market-info-detail]")!;
    expect(detail.textContent).toContain("12,345.60");
    expect(detail.textContent).toContain("古岭春酒业");
    expect(detail.textContent).toContain("大润发（从化店）");
    await click(buttonByText(root, "稽核通过"));
    await waitForText(root, "已记录稽核结果。");
    await waitForText(detail, "胡建华");
    expect(detail.textContent).toContain("已稽核");
    expect(detail.textContent).not.toContain("稽核不通过");
  });
});

describe("EvidencePanel", () => {
  it("lists a section's evidence and cites a record chosen among the unit's", async () => {
    let changed = 0;
    const other = record({
      id: "r2",
      title: "泸峰大曲三季度销量",
      type: "COMPETITOR_SALES",
      periodType: "QUARTER",
      periodIndex: 3,
      holidayName: null,
    });
    const root = await render({
      path: "/",
      routes: (
        <Route
          path="/"
          element={
            <EvidencePanel
              planId="plan-1"
              unitCode="CONGHUA"
              sectionCode="ENV_COMPETITION"
              editable
              rows={[{ record: record({ auditStatus: "VERIFIED" }) as never }]}
              onChanged={() => (changed += 1)}
            />
          }
        />
      ),
      mocks: [
        {
          request: {
            query: MARKET_INFO_RECORDS_QUERY,
            variables: { filter: { unitCode: "CONGHUA", includeAncestors: true }, first: 200 },
          },
          result: {
            data: {
              marketInfoRecords: { __typename: "MarketInfoPage", totalCount: 2, nextCursor: null, nodes: [record(), other] },
            },
          },
        },
        {
          request: {
            query: ATTACH_EVIDENCE_MUTATION,
            variables: { input: { planId: "plan-1", sectionCode: "ENV_COMPETITION", recordId: "r2" } },
          },
          result: { data: { attachEvidence: { __typename: "EvidencePayload", changed: true } } },
        },
      ],
    });
    expect(root.textContent).toContain("古岭春国庆买赠");
    expect(root.textContent).toContain("已稽核");
    const select = root.querySelector("select")!;
    await act(async () => {
      select.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    });
    await waitForText(root, "泸峰大曲三季度销量 · 2026年第3季度");
    // The record already cited is not offered again.
    expect([...select.options].map((option) => option.value)).toEqual(["", "r2"]);
    await choose(select, "r2");
    await click(buttonByText(root, "引用"));
    await waitUntil("the panel is told of the change", () => changed === 1);
    expect(select.value).toBe("");
  });
});
