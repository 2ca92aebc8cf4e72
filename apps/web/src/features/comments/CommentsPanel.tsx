// 评论 / Comments: the threads of a plan, or of one anchor of it (the selected cell or
// section), newest first; each thread with its replies, a reply box and resolve / reopen;
// a box for a new comment on the anchor (the plan as a whole when none). Folds away.
import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES, livePolling, useRefetchWhenShown } from "../../app/live.js";
import { formatBeijingTime } from "../../app/format.js";
import type { CommentAnchorInput, CommentFieldsFragment } from "../../graphql/generated/graphql.js";
import { MAX_COMMENT_BODY_LENGTH } from "@pyramid/domain";
import {
  ADD_COMMENT_MUTATION,
  PLAN_COMMENTS_QUERY,
  PLAN_COMMENT_MARKERS_QUERY,
  SET_COMMENT_RESOLVED_MUTATION,
} from "./comments-documents.js";
import { refusalKey } from "./refusals.js";
import "./comments.css";

export interface CommentsPanelProps {
  readonly planId: string;
  /** The selected cell or section; null or absent: the whole plan (every thread listed). */
  readonly anchor?: CommentAnchorInput | null;
  /** What the anchor is, in words (e.g. "销售额 · 3月 · 品规 A"). */
  readonly anchorLabel?: string;
}

type Thread = CommentFieldsFragment & { readonly replies: readonly CommentFieldsFragment[] };

function bodyProblem(body: string): "discussion.reason.EMPTY_BODY" | "discussion.reason.BODY_TOO_LONG" | null {
  if (body.trim() === "") return "discussion.reason.EMPTY_BODY";
  if (body.length > MAX_COMMENT_BODY_LENGTH) return "discussion.reason.BODY_TOO_LONG";
  return null;
}

export function CommentsPanel({ planId, anchor = null, anchorLabel }: CommentsPanelProps) {
  const { t } = useI18n();
  const [unresolvedOnly, setUnresolvedOnly] = useState(false);
  const filter = { ...(anchor ? { anchor } : {}), ...(unresolvedOnly ? { unresolvedOnly: true } : {}) };
  const variables = { planId, filter, first: 50 };
  const { data, error, refetch } = useQuery(PLAN_COMMENTS_QUERY, {
    variables,
    fetchPolicy: "cache-and-network",
    ...livePolling(),
  });
  useRefetchWhenShown(refetch);
  // The viewer's own comment shows at once, and in the plan's activity and the feeds (app/live.ts).
  const refetchQueries = [
    ...LIVE_QUERIES,
    { query: PLAN_COMMENTS_QUERY, variables },
    { query: PLAN_COMMENT_MARKERS_QUERY, variables: { planId } },
  ];

  let list;
  if (error) {
    list = (
      <p role="alert">
        {t(refusalKey(error))}{" "}
        <button type="button" onClick={() => void refetch()}>
          {t("comments.retry")}
        </button>
      </p>
    );
  } else if (!data) list = <p className="comments__loading" aria-busy="true" />;
  else if (data.planComments.nodes.length === 0) list = <p className="comments__empty">{t("comments.empty")}</p>;
  else {
    list = (
      <ol className="comments__threads">
        {data.planComments.nodes.map((thread) => (
          <ThreadView key={thread.id} thread={thread} planId={planId} refetchQueries={refetchQueries} showAnchor={!anchor} />
        ))}
      </ol>
    );
  }

  return (
    <section className="comments" aria-label={t("comments.title")} data-testid="comments-panel">
      <header className="comments__header">
        <h2>{t("comments.title")}</h2>
        <p className="comments__anchor">
          {t("comments.on")}: {anchorLabel ?? t("comments.on.plan")}
        </p>
        <label className="comments__filter">
          <input type="checkbox" checked={unresolvedOnly} onChange={(event) => setUnresolvedOnly(event.target.checked)} />{" "}
          {t("comments.unresolvedOnly")}
        </label>
      </header>
      {list}
      <Composer
        label={t("comments.new")}
        submitLabel={t("comments.send")}
        onSend={async (body, add) => {
          await add({ variables: { input: { planId, body, ...(anchor ? { anchor } : {}) } }, refetchQueries });
        }}
      />
    </section>
  );
}

function anchorWords(anchor: CommentFieldsFragment["anchor"], t: ReturnType<typeof useI18n>["t"]): string {
  switch (anchor.kind) {
    case "SECTION":
      return t("comments.on.section", { code: anchor.sectionCode ?? "" });
    case "TARGET_CELL":
      return t("comments.on.cell", { month: anchor.month ?? "" });
    case "EXPENSE_CELL":
      return t("comments.on.expense", { month: anchor.month ?? "" });
    default:
      return t("comments.on.plan");
  }
}

interface ThreadViewProps {
  readonly thread: Thread;
  readonly planId: string;
  readonly refetchQueries: (string | { query: unknown; variables: Record<string, unknown> })[];
  readonly showAnchor: boolean;
}

function ThreadView({ thread, planId, refetchQueries, showAnchor }: ThreadViewProps) {
  const { t } = useI18n();
  const [replying, setReplying] = useState(false);
  const [setResolved, { loading, error }] = useMutation(SET_COMMENT_RESOLVED_MUTATION);
  return (
    <li className={`comments__thread${thread.resolved ? " comments__thread--resolved" : ""}`} data-testid="comment-thread">
      {showAnchor ? <p className="comments__thread-anchor">{anchorWords(thread.anchor, t)}</p> : null}
      <CommentView comment={thread} />
      {thread.replies.length > 0 ? (
        <ol className="comments__replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} />
            </li>
          ))}
        </ol>
      ) : null}
      <div className="comments__actions">
        {thread.resolved ? (
          <span className="comments__resolved">
            {t("comments.resolved")}
            {thread.resolvedBy ? ` · ${thread.resolvedBy.displayName}` : ""}
          </span>
        ) : null}
        <button type="button" onClick={() => setReplying((open) => !open)}>
          {t("comments.reply")}
        </button>
        <button
          type="button"
          disabled={loading}
          onClick={() =>
            void setResolved({
              variables: { input: { commentId: thread.id, resolved: !thread.resolved } },
              refetchQueries: refetchQueries as never,
            }).catch(() => undefined)
          }
        >
          {thread.resolved ? t("comments.reopen") : t("comments.resolve")}
        </button>
      </div>
      {error ? <p role="alert">{t(refusalKey(error))}</p> : null}
      {replying ? (
        <Composer
          label={t("comments.reply")}
          submitLabel={t("comments.sendReply")}
          onSend={async (body, add) => {
            await add({ variables: { input: { planId, parentId: thread.id, body } }, refetchQueries: refetchQueries as never });
            setReplying(false);
          }}
        />
      ) : null}
    </li>
  );
}

function CommentView({ comment }: { readonly comment: CommentFieldsFragment }) {
  const { t } = useI18n();
  return (
    <article className="comments__comment">
      <p className="comments__meta">
        <strong>{comment.author?.displayName ?? t("comments.unknownAuthor")}</strong>{" "}
        <time dateTime={comment.createdAt}>{formatBeijingTime(comment.createdAt)}</time>
      </p>
      <p className="comments__body">{comment.body}</p>
    </article>
  );
}

interface ComposerProps {
  readonly label: string;
  readonly submitLabel: string;
  readonly onSend: (
    body: string,
    add: (options: Parameters<ReturnType<typeof useAddComment>[0]>[0]) => Promise<unknown>,
  ) => Promise<void>;
}

function useAddComment() {
  return useMutation(ADD_COMMENT_MUTATION);
}

function Composer({ label, submitLabel, onSend }: ComposerProps) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [add, { loading }] = useAddComment();
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = bodyProblem(body);
    if (local) {
      setProblem(t(local, { max: MAX_COMMENT_BODY_LENGTH }));
      return;
    }
    try {
      await onSend(body, (options) => add(options));
      setBody("");
      setProblem(null);
    } catch (error) {
      setProblem(t(refusalKey(error), { max: MAX_COMMENT_BODY_LENGTH }));
    }
  };
  return (
    <form className="comments__composer" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={body} rows={3} onChange={(event) => setBody(event.target.value)} />
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="submit" disabled={loading}>
        {submitLabel}
      </button>
    </form>
  );
}
