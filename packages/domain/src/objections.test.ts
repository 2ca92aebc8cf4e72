import { describe, expect, it } from "vitest";
import type { AccessAssignment } from "./access.js";
import {
  answerObjection,
  answeringUnitPath,
  escalateObjection,
  mayAnswerObjection,
  raiseObjection,
  withdrawObjection,
} from "./objections.js";

// HQ → GD (province) → GZ (city) → CH (county); SZ a sibling city.
const HQ = "/HQ/";
const GD = "/HQ/GD/";
const GZ = "/HQ/GD/GZ/";
const SZ = "/HQ/GD/SZ/";
const CH = "/HQ/GD/GZ/CH/";

const at = (role: AccessAssignment["role"], unitPath: string): AccessAssignment => ({ role, unitPath });

const answer = (over: Partial<Parameters<typeof answerObjection>[0]>) =>
  answerObjection({
    status: "OPEN",
    escalations: 0,
    unitPath: CH,
    answerer: [at("REVIEWER", GZ)],
    decision: "ACCEPT",
    hasProposedValue: true,
    hasAnswerValue: false,
    response: "",
    ...over,
  });

describe("who answers", () => {
  it("is the direct parent, then after one escalation the grandparent, and nobody above the top", () => {
    expect(answeringUnitPath(CH, 0)).toBe(GZ);
    expect(answeringUnitPath(CH, 1)).toBe(GD);
    expect(answeringUnitPath(GD, 0)).toBe(HQ);
    expect(answeringUnitPath(GD, 1)).toBeNull();
    expect(answeringUnitPath(HQ, 0)).toBeNull();
  });

  it("takes a reviewer or HQ admin of exactly that unit, never one higher, beside or a planner", () => {
    expect(mayAnswerObjection([at("REVIEWER", GZ)], CH, 0)).toBe(true);
    expect(mayAnswerObjection([at("HQ_ADMIN", GZ)], CH, 0)).toBe(true);
    expect(mayAnswerObjection([at("REVIEWER", GD)], CH, 0)).toBe(false);
    expect(mayAnswerObjection([at("REVIEWER", GD)], CH, 1)).toBe(true);
    expect(mayAnswerObjection([at("REVIEWER", GZ)], CH, 1)).toBe(false);
    expect(mayAnswerObjection([at("PLANNER", GZ)], CH, 0)).toBe(false);
    expect(mayAnswerObjection([at("REVIEWER", SZ)], CH, 0)).toBe(false);
    expect(mayAnswerObjection([at("PLANNER", GZ), at("REVIEWER", GZ)], CH, 0)).toBe(true);
  });
});

describe("raise", () => {
  it("needs a unit above", () => {
    expect(raiseObjection(CH)).toEqual({ ok: true, to: "OPEN" });
    expect(raiseObjection(HQ)).toMatchObject({ ok: false, code: "NO_PARENT" });
  });
});

describe("answer", () => {
  it("accepts with a proposed figure or one given with the answer", () => {
    expect(answer({})).toEqual({ ok: true, to: "ACCEPTED" });
    expect(answer({ hasProposedValue: false, hasAnswerValue: true })).toEqual({ ok: true, to: "ACCEPTED" });
    expect(answer({ hasProposedValue: false })).toMatchObject({ ok: false, code: "NO_PROPOSED_VALUE" });
  });

  it("rejects only with a reason", () => {
    expect(answer({ decision: "REJECT", response: "与上年持平已是底线" })).toEqual({ ok: true, to: "REJECTED" });
    expect(answer({ decision: "REJECT", response: "" })).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
  });

  it("is refused once answered or withdrawn, and to anyone but the answering unit's reviewer", () => {
    for (const status of ["ACCEPTED", "REJECTED", "WITHDRAWN", "ANSWERED"] as const) {
      expect(answer({ status })).toMatchObject({ ok: false, code: "OBJECTION_NOT_OPEN" });
    }
    expect(answer({ answerer: [at("REVIEWER", GD)] })).toMatchObject({ ok: false, code: "NOT_THE_ANSWERER" });
    expect(answer({ status: "ESCALATED", escalations: 1, answerer: [at("REVIEWER", GZ)] })).toMatchObject({
      ok: false,
      code: "NOT_THE_ANSWERER",
    });
    expect(answer({ status: "ESCALATED", escalations: 1, answerer: [at("REVIEWER", GD)] })).toEqual({ ok: true, to: "ACCEPTED" });
  });
});

describe("escalate and withdraw", () => {
  it("escalates a rejection once, when there is a level above the parent", () => {
    expect(escalateObjection({ status: "REJECTED", escalations: 0, unitPath: CH })).toEqual({ ok: true, to: "ESCALATED" });
    expect(escalateObjection({ status: "ANSWERED", escalations: 0, unitPath: CH })).toEqual({ ok: true, to: "ESCALATED" });
    expect(escalateObjection({ status: "REJECTED", escalations: 1, unitPath: CH })).toMatchObject({ code: "ALREADY_ESCALATED" });
    expect(escalateObjection({ status: "OPEN", escalations: 0, unitPath: CH })).toMatchObject({ code: "OBJECTION_NOT_REJECTED" });
    expect(escalateObjection({ status: "ACCEPTED", escalations: 0, unitPath: CH })).toMatchObject({
      code: "OBJECTION_NOT_REJECTED",
    });
    expect(escalateObjection({ status: "REJECTED", escalations: 0, unitPath: GD })).toMatchObject({ code: "NO_LEVEL_ABOVE" });
  });

  it("withdraws only what still waits for an answer", () => {
    expect(withdrawObjection("OPEN")).toEqual({ ok: true, to: "WITHDRAWN" });
    expect(withdrawObjection("ESCALATED")).toEqual({ ok: true, to: "WITHDRAWN" });
    for (const status of ["ACCEPTED", "REJECTED", "WITHDRAWN"] as const) {
      expect(withdrawObjection(status)).toMatchObject({ ok: false, code: "OBJECTION_NOT_OPEN" });
    }
  });
});
