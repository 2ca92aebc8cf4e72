import { parseInfoPayload } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { payloadOf, valuesOf } from "./record-form.js";

describe("the report form's payload", () => {
  it("leaves blanks out and passes amounts as typed, for the domain to parse exactly", () => {
    const payload = payloadOf("COMPETITOR_PROMOTION", {
      promotionType: " 买赠 ",
      details: "买二送一",
      estimatedSpend: "¥8,000.5",
      startsOn: "",
    });
    expect(payload).toEqual({ promotionType: "买赠", details: "买二送一", estimatedSpend: "¥8,000.5" });
    expect(parseInfoPayload("COMPETITOR_PROMOTION", payload)).toMatchObject({ ok: true, value: { estimatedSpend: "8000.50" } });
  });

  it("sends whole numbers for counts, and reads a stored payload back as text", () => {
    expect(payloadOf("MEDIA_MONITORING", { brand: "泸峰", medium: "OUTDOOR", placements: "12" })).toEqual({
      brand: "泸峰",
      medium: "OUTDOOR",
      placements: 12,
    });
    expect(valuesOf('{"placements":12,"spend":"18000.00"}')).toEqual({ placements: "12", spend: "18000.00" });
    expect(valuesOf("not json")).toEqual({});
  });
});
