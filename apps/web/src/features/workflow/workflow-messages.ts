// The workflow's refusals as sentences: the guard's reason (extensions.reason) when this
// table knows it, else the code's sentence (app/error-messages.ts).
import { CombinedGraphQLErrors } from "@apollo/client";
import { errorSentence } from "../../app/error-messages.js";
import type { MessageKey } from "../../app/i18n/messages.js";

const MESSAGE_BY_WORKFLOW_REASON = {
  BLOCKING_FINDINGS: "workflow.reason.BLOCKING_FINDINGS",
  WARNINGS_NOT_ACKNOWLEDGED: "workflow.reason.WARNINGS_NOT_ACKNOWLEDGED",
  CHILDREN_NOT_APPROVED: "workflow.reason.CHILDREN_NOT_APPROVED",
  INVALID_TRANSITION: "workflow.reason.INVALID_TRANSITION",
  PLAN_VERSION_CHANGED: "workflow.reason.PLAN_VERSION_CHANGED",
  REASON_REQUIRED: "workflow.reason.REASON_REQUIRED",
} as const satisfies Readonly<Record<string, MessageKey>>;

export function workflowErrorSentence(error: unknown): { key: MessageKey; params: Readonly<Record<string, string | number>> } {
  const sentence = errorSentence(error);
  if (CombinedGraphQLErrors.is(error)) {
    const reason = error.errors[0]?.extensions?.["reason"];
    if (typeof reason === "string" && Object.hasOwn(MESSAGE_BY_WORKFLOW_REASON, reason)) {
      return { key: MESSAGE_BY_WORKFLOW_REASON[reason as keyof typeof MESSAGE_BY_WORKFLOW_REASON], params: sentence.params };
    }
  }
  return { key: sentence.key, params: sentence.params };
}
