import { describe, expect, it } from "vitest";
import { chooseCycle, type CycleOption } from "./cycle.js";

const cycle = (code: string, year: number, status: CycleOption["status"]): CycleOption => ({
  id: `id-${code}`,
  code,
  year,
  nameZh: `${year}年度`,
  nameEn: `FY${year}`,
  status,
});

// Newest year first, as the server lists them.
const cycles = [cycle("FY2028", 2028, "PREPARING"), cycle("FY2027", 2027, "OPEN"), cycle("FY2026", 2026, "CLOSED")];

describe("chooseCycle", () => {
  it("keeps the user's saved choice while the viewer still sees it", () => {
    expect(chooseCycle(cycles, "FY2026")?.code).toBe("FY2026");
  });

  it("otherwise takes the open cycle, then the newest", () => {
    expect(chooseCycle(cycles, null)?.code).toBe("FY2027");
    expect(chooseCycle(cycles, "FY1999")?.code).toBe("FY2027");
    expect(chooseCycle([cycles[0]!, cycles[2]!], null)?.code).toBe("FY2028");
  });

  it("is null when the viewer sees no cycle", () => {
    expect(chooseCycle([], "FY2027")).toBeNull();
  });
});
