import { describe, expect, it } from "vitest";
import { deadlineEnd, deadlineState, isoDateOf, isPastDeadline } from "./deadlines.js";

describe("deadlines", () => {
  it("end at the next midnight in Beijing: 2026-12-10 ends at 2026-12-10T16:00Z", () => {
    expect(deadlineEnd("2026-12-10").toISOString()).toBe("2026-12-10T16:00:00.000Z");
    expect(deadlineEnd("2026-12-31").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("are met until the day is over", () => {
    expect(isPastDeadline("2026-12-10", new Date("2026-12-10T15:59:59.999Z"))).toBe(false);
    expect(isPastDeadline("2026-12-10", new Date("2026-12-10T16:00:00.000Z"))).toBe(true);
  });

  it("take another offset, and refuse what is not a date", () => {
    expect(deadlineEnd("2026-12-10", 0).toISOString()).toBe("2026-12-11T00:00:00.000Z");
    expect(() => deadlineEnd("10/12/2026")).toThrow(RangeError);
  });

  it("print a database date as its calendar day", () => {
    expect(isoDateOf(new Date("2026-12-10T00:00:00.000Z"))).toBe("2026-12-10");
  });
});

describe("deadlineState", () => {
  // 2026-12-10 ends at 2026-12-10 16:00 UTC (midnight Beijing).
  it("counts Beijing calendar days and turns PASSED when the day is over", () => {
    expect(deadlineState("2026-12-10", new Date("2026-12-10T15:59:59Z"))).toEqual({ state: "NEAR", daysLeft: 0 });
    expect(deadlineState("2026-12-10", new Date("2026-12-10T16:00:00Z"))).toEqual({ state: "PASSED", daysLeft: -1 });
    // 2026-12-02 17:00 UTC is already 12-03 in Beijing: 7 days left, near.
    expect(deadlineState("2026-12-10", new Date("2026-12-02T17:00:00Z"))).toEqual({ state: "NEAR", daysLeft: 7 });
    expect(deadlineState("2026-12-10", new Date("2026-12-02T15:00:00Z"))).toEqual({ state: null, daysLeft: 8 });
    expect(deadlineState("2026-12-10", new Date("2026-12-20T04:00:00Z"))).toEqual({ state: "PASSED", daysLeft: -10 });
  });
});
