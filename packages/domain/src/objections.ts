// Objections (异议): a unit flags a target of its plan it finds too heavy — a metric, or one
// cell of it — with its reason, evidence and optionally the figure it proposes instead. The
// direct parent's reviewer answers: ACCEPT (the proposed figure becomes the unit's guidance,
// 指导目标, for that metric) or REJECT with a reason. A rejected objection may be escalated
// once, one level up: the grandparent's reviewer then answers it the same way. The raising
// unit may withdraw an objection while it waits for an answer. Pure rules; the server asks.
//
// Statuses: OPEN (waits for the direct parent) → ACCEPTED | REJECTED | WITHDRAWN;
// REJECTED → ESCALATED (waits for the grandparent) → ACCEPTED | REJECTED | WITHDRAWN.
// ANSWERED is kept in the enum for an answer that neither accepts nor rejects; nothing
// here produces it, and it may be escalated like a rejection.
import { allowingAssignment, type AccessAssignment } from "./access.js";
import { parentPathOf } from "./org.js";

export const OBJECTION_STATUSES = ["OPEN", "ANSWERED", "ACCEPTED", "REJECTED", "WITHDRAWN", "ESCALATED"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const OBJECTION_DECISIONS = ["ACCEPT", "REJECT"] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** The longest reason, answer or escalation note; evidence may be longer. */
export const MAX_OBJECTION_TEXT_LENGTH = 4_000;
export const MAX_OBJECTION_EVIDENCE_LENGTH = 20_000;

/** How far an objection may travel: raised to the direct parent, escalated once to the grandparent. */
export const MAX_OBJECTION_ESCALATIONS = 1;

/** Statuses in which an objection waits for an answer (the parent's, or after escalation the grandparent's). */
export const AWAITING_ANSWER_STATUSES: readonly ObjectionStatus[] = ["OPEN", "ESCALATED"];

export function isAwaitingAnswer(status: ObjectionStatus): boolean {
  return AWAITING_ANSWER_STATUSES.includes(status);
}

export type ObjectionRefusalCode =
  /** The plan's unit is the top unit: there is no one above to object to. */
  | "NO_PARENT"
  /** Answer or withdraw: the objection does not wait for an answer any more. */
  | "OBJECTION_NOT_OPEN"
  /** Escalate: only a rejected (or answered) objection may be escalated. */
  | "OBJECTION_NOT_REJECTED"
  /** Escalate: it was escalated once already. */
  | "ALREADY_ESCALATED"
  /** Escalate: the parent is the top unit, there is no level above it. */
  | "NO_LEVEL_ABOVE"
  /** Answer: the viewer is not a reviewer at the unit that answers this objection now. */
  | "NOT_THE_ANSWERER"
  /** Accept: no figure was proposed and none given with the answer. */
  | "NO_PROPOSED_VALUE"
  /** Reject: a rejection needs its reason. */
  | "REASON_REQUIRED";

export type ObjectionVerdict =
  | { readonly ok: true; readonly to: ObjectionStatus }
  | { readonly ok: false; readonly code: ObjectionRefusalCode; readonly message: string };

const refuse = (code: ObjectionRefusalCode, message: string): ObjectionVerdict => ({ ok: false, code, message });

/**
 * The path of the unit that answers an objection raised by the unit at `unitPath`, after
 * `escalations` escalations (0: the direct parent; 1: the grandparent); null when there is none.
 */
export function answeringUnitPath(unitPath: string, escalations: number): string | null {
  let path: string | null = unitPath;
  for (let step = 0; step <= escalations && path !== null; step++) path = parentPathOf(path);
  return path;
}

/**
 * May a person holding `assignments` answer an objection of the unit at `unitPath` now?
 * Only a REVIEWER or HQ_ADMIN (the policy's ANSWER_OBJECTION) whose assignment is at exactly
 * the answering unit: level by level, as a plan is reviewed.
 */
export function mayAnswerObjection(assignments: readonly AccessAssignment[], unitPath: string, escalations: number): boolean {
  const answering = answeringUnitPath(unitPath, escalations);
  if (answering === null) return false;
  const atAnsweringUnit = assignments.filter((assignment) => assignment.unitPath === answering);
  return allowingAssignment(atAnsweringUnit, "ANSWER_OBJECTION", unitPath) !== null;
}

/** Raising: the unit must have a parent to object to. (Who may raise is the policy's RAISE_OBJECTION.) */
export function raiseObjection(unitPath: string): ObjectionVerdict {
  if (parentPathOf(unitPath) === null) return refuse("NO_PARENT", "The top unit has no one above it to object to.");
  return { ok: true, to: "OPEN" };
}

export interface ObjectionAnswerInput {
  readonly status: ObjectionStatus;
  readonly escalations: number;
  readonly unitPath: string;
  readonly answerer: readonly AccessAssignment[];
  readonly decision: ObjectionDecision;
  /** The figure the objection proposed, if any, and a figure given with the answer, if any. */
  readonly hasProposedValue: boolean;
  readonly hasAnswerValue: boolean;
  /** The answer's text, trimmed ("" when none). */
  readonly response: string;
}

/** ACCEPT or REJECT by the reviewer of the unit that answers now. */
export function answerObjection(input: ObjectionAnswerInput): ObjectionVerdict {
  if (!isAwaitingAnswer(input.status))
    return refuse("OBJECTION_NOT_OPEN", `The objection is ${input.status}: it waits for no answer.`);
  if (!mayAnswerObjection(input.answerer, input.unitPath, input.escalations)) {
    return refuse(
      "NOT_THE_ANSWERER",
      input.escalations === 0
        ? "Only a reviewer of the direct parent unit answers this objection."
        : "This objection was escalated: a reviewer of the unit above the parent answers it.",
    );
  }
  if (input.decision === "REJECT") {
    if (input.response === "") return refuse("REASON_REQUIRED", "A rejection needs its reason.");
    return { ok: true, to: "REJECTED" };
  }
  if (!input.hasProposedValue && !input.hasAnswerValue) {
    return refuse("NO_PROPOSED_VALUE", "The objection proposes no figure: give the guidance figure you accept.");
  }
  return { ok: true, to: "ACCEPTED" };
}

/** The raising unit takes its objection one level up, once, after a rejection. */
export function escalateObjection(input: {
  readonly status: ObjectionStatus;
  readonly escalations: number;
  readonly unitPath: string;
}): ObjectionVerdict {
  if (input.escalations >= MAX_OBJECTION_ESCALATIONS) {
    return refuse("ALREADY_ESCALATED", "The objection was escalated once already; its answer stands.");
  }
  if (input.status !== "REJECTED" && input.status !== "ANSWERED") {
    return refuse("OBJECTION_NOT_REJECTED", `Only a rejected objection can be escalated; this one is ${input.status}.`);
  }
  if (answeringUnitPath(input.unitPath, input.escalations + 1) === null) {
    return refuse("NO_LEVEL_ABOVE", "The parent is the top unit: there is no level above it.");
  }
  return { ok: true, to: "ESCALATED" };
}

/** The raising unit withdraws an objection that still waits for an answer. */
export function withdrawObjection(status: ObjectionStatus): ObjectionVerdict {
  if (!isAwaitingAnswer(status)) return refuse("OBJECTION_NOT_OPEN", `The objection is ${status}: there is nothing to withdraw.`);
  return { ok: true, to: "WITHDRAWN" };
}
