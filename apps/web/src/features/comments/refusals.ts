// The comments' and objections' refusals as sentences: the reasons these screens can
// meet (the domain's rule codes), else the error code's sentence.
import { CombinedGraphQLErrors } from "@apollo/client";
import type { MessageKey } from "../../app/i18n/messages.js";
import { errorSentence } from "../../app/error-messages.js";

const MESSAGE_BY_REASON: Readonly<Record<string, MessageKey>> = {
  EMPTY_BODY: "discussion.reason.EMPTY_BODY",
  BODY_TOO_LONG: "discussion.reason.BODY_TOO_LONG",
  REASON_REQUIRED: "discussion.reason.REASON_REQUIRED",
  NO_PROPOSED_VALUE: "discussion.reason.NO_PROPOSED_VALUE",
  NOT_A_NUMBER: "discussion.reason.NOT_A_NUMBER",
  TOO_MANY_DECIMALS: "discussion.reason.TOO_MANY_DECIMALS",
  NEGATIVE_VALUE: "discussion.reason.NEGATIVE_VALUE",
  NOT_THE_ANSWERER: "discussion.reason.NOT_THE_ANSWERER",
  OBJECTION_NOT_OPEN: "discussion.reason.OBJECTION_NOT_OPEN",
  ALREADY_ESCALATED: "discussion.reason.ALREADY_ESCALATED",
  NO_LEVEL_ABOVE: "discussion.reason.NO_LEVEL_ABOVE",
};

export function refusalKey(error: unknown): MessageKey {
  if (CombinedGraphQLErrors.is(error)) {
    const reason = error.errors[0]?.extensions?.["reason"];
    if (typeof reason === "string" && Object.hasOwn(MESSAGE_BY_REASON, reason)) return MESSAGE_BY_REASON[reason]!;
  }
  return errorSentence(error).key;
}
