import { describe, expect, it } from "vitest";
import { money } from "./fixed.js";
import { reconcile } from "./reconcile.js";

describe("reconcile", () => {
  const children = [
    { id: "K1", value: money("300000") },
    { id: "K2", value: money("300000") },
    { id: "K3", value: money("100000") },
  ];

  it("states the gap and the uplift the parent would apply, and proposes a split that meets the need", () => {
    const r = reconcile({ need: money("840000"), children });
    expect(r.childrenTotal.toString()).toBe("700000.00");
    expect(r.gap.toString()).toBe("140000.00");
    expect(r.upliftFactor?.toString()).toBe("1.2");
    expect(r.upliftPercent?.toString()).toBe("20");
    expect(r.proposals?.map((p) => [p.id, p.gapShare.toString(), p.proposed.toString()])).toEqual([
      ["K1", "60000.00", "360000.00"],
      ["K2", "60000.00", "360000.00"],
      ["K3", "20000.00", "120000.00"],
    ]);
  });

  it("handles children that over-shoot the need with a negative gap", () => {
    const r = reconcile({ need: money("600000"), children, gapMethod: { kind: "EVEN" } });
    expect(r.gap.toString()).toBe("-100000.00");
    expect(r.upliftPercent?.toFixed(4)).toBe("-14.2857");
    expect(r.proposals?.map((p) => p.gapShare.toString())).toEqual(["-33333.34", "-33333.33", "-33333.33"]);
    const sum = r.proposals!.reduce((a, p) => a + p.proposed.units, 0n);
    expect(sum).toBe(r.need.units);
  });

  it("keeps a held child out of the gap split", () => {
    const r = reconcile({ need: money("800000"), children, gapCells: { K3: { held: money("0") } } });
    expect(r.proposals?.map((p) => p.proposed.toString())).toEqual(["350000.00", "350000.00", "100000.00"]);
  });

  it("has no uplift factor when nothing was submitted, and splits the gap evenly with a warning", () => {
    const r = reconcile({
      need: money("10"),
      children: [
        { id: "A", value: money("0") },
        { id: "B", value: money("0") },
      ],
    });
    expect(r.upliftFactor).toBeNull();
    expect(r.upliftPercent).toBeNull();
    expect(r.split.ok && r.split.warnings).toEqual([{ code: "ZERO_REFERENCE_FALLBACK_EVEN" }]);
    expect(r.proposals?.map((p) => p.proposed.toString())).toEqual(["5.00", "5.00"]);
  });

  it("reports a failed proposal instead of hiding it", () => {
    const r = reconcile({ need: money("10"), children: [] });
    expect(r.split).toEqual({ ok: false, error: { code: "NO_CELLS" } });
    expect(r.proposals).toBeNull();
    expect(r.gap.toString()).toBe("10.00");
  });
});
