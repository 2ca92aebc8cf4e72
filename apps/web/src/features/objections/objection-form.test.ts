import { describe, expect, it } from "vitest";
import { answerProblem, figureProblem, raiseProblem } from "./objection-form.js";

describe("objection forms", () => {
  it("read figures by the one amount grammar", () => {
    expect(figureProblem("")).toBeNull();
    expect(figureProblem("1,200,000.50")).toBeNull();
    expect(figureProblem("1.5万")).toBeNull();
    expect(figureProblem("一百")).toBe("discussion.reason.NOT_A_NUMBER");
    expect(figureProblem("1.234")).toBe("discussion.reason.TOO_MANY_DECIMALS");
    expect(figureProblem("-5")).toBe("discussion.reason.NEGATIVE_VALUE");
  });

  it("need a reason to raise and to reject, and a figure to accept", () => {
    expect(raiseProblem(" ", "")).toBe("objections.reasonRequired");
    expect(raiseProblem("过重", "abc")).toBe("discussion.reason.NOT_A_NUMBER");
    expect(raiseProblem("过重", "")).toBeNull();
    expect(answerProblem("REJECT", "", "", "100.00")).toBe("discussion.reason.REASON_REQUIRED");
    expect(answerProblem("REJECT", "不行", "", null)).toBeNull();
    expect(answerProblem("ACCEPT", "", "", null)).toBe("discussion.reason.NO_PROPOSED_VALUE");
    expect(answerProblem("ACCEPT", "", "", "100.00")).toBeNull();
    expect(answerProblem("ACCEPT", "", "90", null)).toBeNull();
  });
});
