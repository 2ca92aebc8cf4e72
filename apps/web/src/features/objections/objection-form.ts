// The objection forms' own checks, on the domain's rules before anything is sent: the
// amount grammar (parseAmount, as the server reads it), a reason to reject, a figure to accept.
import { MAX_OBJECTION_TEXT_LENGTH, parseAmount } from "@pyramid/domain";
import type { MessageKey } from "../../app/i18n/messages.js";

/** Problem with a typed guidance figure, or null ("" is no figure). */
export function figureProblem(text: string): MessageKey | null {
  if (text.trim() === "") return null;
  const parsed = parseAmount(text, { scale: 2 });
  if (!parsed.ok)
    return parsed.code === "TOO_MANY_DECIMALS" ? "discussion.reason.TOO_MANY_DECIMALS" : "discussion.reason.NOT_A_NUMBER";
  if (parsed.value.isNegative()) return "discussion.reason.NEGATIVE_VALUE";
  return null;
}

export function raiseProblem(reason: string, proposed: string): MessageKey | null {
  if (reason.trim() === "") return "objections.reasonRequired";
  if (reason.length > MAX_OBJECTION_TEXT_LENGTH) return "objections.tooLong";
  return figureProblem(proposed);
}

export function answerProblem(
  decision: "ACCEPT" | "REJECT",
  response: string,
  value: string,
  proposedValue: string | null,
): MessageKey | null {
  if (response.length > MAX_OBJECTION_TEXT_LENGTH) return "objections.tooLong";
  if (decision === "REJECT") return response.trim() === "" ? "discussion.reason.REASON_REQUIRED" : null;
  if (value.trim() === "" && proposedValue === null) return "discussion.reason.NO_PROPOSED_VALUE";
  return figureProblem(value);
}
