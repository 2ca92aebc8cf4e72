// 动态 / Activity on the home page: deadlines near or passed for the viewer's own plans,
// then what changed around them (status changes below, comments on their plans,
// objections), newest first, with "more" to page on.
import { useQuery } from "@apollo/client/react";
import { useRef } from "react";
import { Link } from "react-router";
import { formatBeijingTime, formatDay } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { livePolling, useRefetchWhenShown } from "../../app/live.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { Card } from "../../components/Card.js";
import { graphql } from "../../graphql/generated/index.js";

export const MY_ACTIVITY_QUERY = graphql(`
  query MyActivity($cycleId: ID, $first: Int, $after: String) {
    myActivity(cycleId: $cycleId, first: $first, after: $after) {
      totalCount
      nextCursor
      nodes {
        kind
        id
        at
        action
        detail
        unit {
          id
          code
          nameZh
          nameEn
        }
        actor {
          id
          displayName
        }
      }
      deadlines {
        dueOn
        state
        daysLeft
        unit {
          id
          code
          nameZh
          nameEn
        }
      }
    }
  }
`);

const ACTION_KEY: Readonly<Record<string, MessageKey>> = {
  SUBMIT: "activity.action.SUBMIT",
  WITHDRAW: "activity.action.WITHDRAW",
  APPROVE: "activity.action.APPROVE",
  RETURN: "activity.action.RETURN",
  REOPEN: "activity.action.REOPEN",
  RESUME: "activity.action.RESUME",
  COMMENT_ADDED: "activity.action.COMMENT_ADDED",
  COMMENT_REPLIED: "activity.action.COMMENT_REPLIED",
  OBJECTION_RAISED: "activity.action.OBJECTION_RAISED",
  OBJECTION_ACCEPTED: "activity.action.OBJECTION_ACCEPTED",
  OBJECTION_REJECTED: "activity.action.OBJECTION_REJECTED",
  OBJECTION_ESCALATED: "activity.action.OBJECTION_ESCALATED",
  OBJECTION_WITHDRAWN: "activity.action.OBJECTION_WITHDRAWN",
};

export const ACTIVITY_PAGE_SIZE = 20;

export function ActivityFeed({ cycleId }: { readonly cycleId: string | null }) {
  const { t, locale } = useI18n();
  // Live while only the first page shows (a poll reads the first page; it would fold the others away).
  const shown = useRef(0);
  const { data, error, fetchMore, refetch } = useQuery(MY_ACTIVITY_QUERY, {
    variables: { cycleId, first: ACTIVITY_PAGE_SIZE },
    fetchPolicy: "cache-and-network",
    ...livePolling(() => shown.current > ACTIVITY_PAGE_SIZE),
  });
  shown.current = data?.myActivity.nodes.length ?? 0;
  useRefetchWhenShown(refetch, shown.current <= ACTIVITY_PAGE_SIZE);
  const name = (unit: { nameZh: string; nameEn: string }) => (locale === "en" ? unit.nameEn : unit.nameZh);

  let body;
  if (error) body = <p role="alert">{t("activity.error")}</p>;
  else if (!data) body = <p aria-busy="true" className="lead" />;
  else {
    const { nodes, deadlines, nextCursor } = data.myActivity;
    body = (
      <>
        {deadlines.length > 0 ? (
          <ul className="activity__deadlines" data-testid="deadline-notices">
            {deadlines.map((notice) => (
              <li key={notice.unit.id} className={notice.state === "PASSED" ? "error-text" : undefined}>
                {t(notice.state === "PASSED" ? "activity.deadline.passed" : "activity.deadline.near", {
                  unit: name(notice.unit),
                  day: formatDay(notice.dueOn, locale),
                  days: Math.abs(notice.daysLeft),
                })}
              </li>
            ))}
          </ul>
        ) : null}
        {nodes.length === 0 ? (
          <p className="lead">{t("activity.empty")}</p>
        ) : (
          <ol className="activity__items">
            {nodes.map((item) => (
              <li key={`${item.kind}:${item.id}`} data-testid="activity-item">
                <time dateTime={item.at}>{formatBeijingTime(item.at)}</time>{" "}
                <strong>{item.actor?.displayName ?? t("activity.system")}</strong>{" "}
                {ACTION_KEY[item.action] ? t(ACTION_KEY[item.action]!) : item.action}{" "}
                <Link to={`/units/${encodeURIComponent(item.unit.code)}`}>{name(item.unit)}</Link>
                {item.detail ? <span className="activity__detail">：{item.detail}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {nextCursor ? (
          <button
            type="button"
            onClick={() =>
              void fetchMore({
                variables: { after: nextCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  myActivity: {
                    ...fetchMoreResult.myActivity,
                    nodes: [...previous.myActivity.nodes, ...fetchMoreResult.myActivity.nodes],
                  },
                }),
              })
            }
          >
            {t("activity.more")}
          </button>
        ) : null}
      </>
    );
  }
  return <Card title={t("activity.title")}>{body}</Card>;
}
