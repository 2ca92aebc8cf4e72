import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CellKeyError,
  EMPTY_DIMENSION_KEY,
  cellDimensionColumns,
  cellDimensionKey,
  parseCellDimensionKey,
  type CellDimensions,
} from "./cell-key.js";

const spec = "0b7c7a52-7f1e-5a31-9a51-4d2f3c1e0a01";
const channel = "6f1d2c3b-aaaa-5bbb-8ccc-000000000002";
const terminal = "7e2e3d4c-aaaa-5bbb-8ccc-000000000003";

describe("cellDimensionKey", () => {
  it("is empty when no dimension is given, or all are null/empty", () => {
    expect(cellDimensionKey({})).toBe(EMPTY_DIMENSION_KEY);
    expect(cellDimensionKey({ productSpecId: null, channelId: undefined, terminalId: "" })).toBe("");
  });

  it("lists present dimensions in the fixed order, whatever the input order", () => {
    const key = cellDimensionKey({ terminalId: terminal, productSpecId: spec, channelId: channel });
    expect(key).toBe(`spec=${spec};channel=${channel};terminal=${terminal}`);
  });

  it("covers all five dimensions", () => {
    expect(cellDimensionKey({ productSpecId: "s", channelId: "c", terminalId: "t", distributorId: "d", townshipId: "w" })).toBe(
      "spec=s;channel=c;terminal=t;distributor=d;township=w",
    );
  });

  it("refuses ids that would make the key ambiguous", () => {
    expect(() => cellDimensionKey({ productSpecId: "a;b" })).toThrow(CellKeyError);
    expect(() => cellDimensionKey({ channelId: "x=y" })).toThrow(CellKeyError);
    expect(() => cellDimensionKey({ townshipId: "with space" })).toThrow(CellKeyError);
  });
});

describe("parseCellDimensionKey", () => {
  it("reads back what cellDimensionKey wrote", () => {
    expect(parseCellDimensionKey(`spec=${spec};terminal=${terminal}`)).toEqual({ productSpecId: spec, terminalId: terminal });
    expect(parseCellDimensionKey("")).toEqual({});
  });

  it("refuses non-canonical keys", () => {
    expect(() => parseCellDimensionKey("channel=c;spec=s")).toThrow(/out of order/);
    expect(() => parseCellDimensionKey("spec=s;spec=t")).toThrow(/repeated/);
    expect(() => parseCellDimensionKey("colour=red")).toThrow(/unknown dimension/);
    expect(() => parseCellDimensionKey("spec=")).toThrow(CellKeyError);
    expect(() => parseCellDimensionKey("spec")).toThrow(CellKeyError);
    expect(() => parseCellDimensionKey(";")).toThrow(CellKeyError);
  });

  it("round-trips any combination of dimensions (property)", () => {
    const id = fc.stringMatching(/^[0-9a-f-]{1,36}$/);
    const dimensions = fc.record(
      {
        productSpecId: id,
        channelId: id,
        terminalId: id,
        distributorId: id,
        townshipId: id,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(dimensions, (input: CellDimensions) => {
        const key = cellDimensionKey(input);
        expect(parseCellDimensionKey(key)).toEqual(input);
        // Canonical: rebuilding from the parse gives the same text.
        expect(cellDimensionKey(parseCellDimensionKey(key))).toBe(key);
      }),
    );
  });
});

describe("cellDimensionColumns", () => {
  it("gives all five columns, null where absent, with the key", () => {
    expect(cellDimensionColumns({ channelId: channel })).toEqual({
      productSpecId: null,
      channelId: channel,
      terminalId: null,
      distributorId: null,
      townshipId: null,
      dimensionKey: `channel=${channel}`,
    });
  });
});
