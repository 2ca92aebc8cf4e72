import { describe, expect, it } from "vitest";
import { chooseCycle, cycleParamOf, defaultCycle, findCycle, withCycleParam, type CycleOption } from "./cycle.js";

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

describe("defaultCycle", () => {
  it("is the newest open cycle, else the newest", () => {
    expect(defaultCycle(cycles)?.code).toBe("FY2027");
    expect(defaultCycle([cycle("B", 2027, "OPEN"), cycle("A", 2026, "OPEN")])?.code).toBe("B");
    expect(defaultCycle([cycles[0]!, cycles[2]!])?.code).toBe("FY2028");
    expect(defaultCycle([])).toBeNull();
  });
});

describe("findCycle", () => {
  it("finds a cycle by its year or by its code, in any case", () => {
    expect(findCycle(cycles, "2026")?.code).toBe("FY2026");
    expect(findCycle(cycles, "fy2028")?.code).toBe("FY2028");
    expect(findCycle(cycles, " 2027 ")?.code).toBe("FY2027");
  });

  it("finds nothing for a year or code the viewer does not see, or no value", () => {
    for (const param of ["1999", "FY1999", "", "  ", null, "20277"]) expect(findCycle(cycles, param)).toBeNull();
  });

  it("takes the open cycle of a year that has two", () => {
    const rerun = [cycle("FY2027B", 2027, "OPEN"), cycle("FY2027", 2027, "CLOSED")];
    expect(findCycle(rerun, "2027")?.code).toBe("FY2027B");
    expect(findCycle(rerun, "FY2027")?.code).toBe("FY2027");
  });
});

describe("cycleParamOf", () => {
  it("is the year, unless the year alone would name another cycle", () => {
    expect(cycleParamOf(cycles[1]!, cycles)).toBe("2027");
    const rerun = [cycle("FY2027B", 2027, "OPEN"), cycle("FY2027", 2027, "CLOSED")];
    expect(cycleParamOf(rerun[0]!, rerun)).toBe("2027");
    expect(cycleParamOf(rerun[1]!, rerun)).toBe("FY2027");
  });
});

describe("chooseCycle", () => {
  it("shows the cycle the address names", () => {
    expect(chooseCycle(cycles, "2026", "2027")).toEqual({ cycle: cycles[2], unknownParam: null });
  });

  it("without one in the address keeps the cycle shown before, else takes the default", () => {
    expect(chooseCycle(cycles, null, "2026").cycle?.code).toBe("FY2026");
    expect(chooseCycle(cycles, null, null).cycle?.code).toBe("FY2027");
    expect(chooseCycle(cycles, "", "1999").cycle?.code).toBe("FY2027");
  });

  it("says so when the address names a cycle the viewer does not see, and shows the default", () => {
    expect(chooseCycle(cycles, "1999", "2026")).toEqual({ cycle: cycles[1], unknownParam: "1999" });
  });

  it("is null when the viewer sees no cycle", () => {
    expect(chooseCycle([], "2027", null)).toEqual({ cycle: null, unknownParam: "2027" });
    expect(chooseCycle([], null, null)).toEqual({ cycle: null, unknownParam: null });
  });
});

describe("withCycleParam", () => {
  it("sets the cycle and keeps the other parameters and the hash", () => {
    expect(withCycleParam("/units/GZ", "2027")).toBe("/units/GZ?cycle=2027");
    expect(withCycleParam("/pyramid?q=%E5%A2%9E%E5%9F%8E", "2026")).toBe("/pyramid?q=%E5%A2%9E%E5%9F%8E&cycle=2026");
    expect(withCycleParam("/pyramid?cycle=2026&q=GZ#top", "2027")).toBe("/pyramid?cycle=2027&q=GZ#top");
  });

  it("leaves the path alone without a cycle", () => {
    expect(withCycleParam("/units/GZ?x=1", null)).toBe("/units/GZ?x=1");
  });
});
