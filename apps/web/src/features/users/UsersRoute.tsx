// 用户 / Users (HQ administrators): the users of the administrator's subtree, by
// login, searchable (login, name, email) and narrowed to a unit by its code; the
// URL keeps both (?q=…&unit=…). Each row can be deactivated (asked once, saying
// what happens) or given a new temporary password (shown once).
import { CombinedGraphQLErrors } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MessageKey, MessageParams } from "../../app/i18n/messages.js";
import { useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { appendPage, LoadMoreButton } from "../../components/LoadMoreButton.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { CreatedUserState } from "./CreateUserRoute.js";
import { UsersTable } from "./UsersTable.js";
import { USERS_QUERY } from "./users-documents.js";

const PAGE_SIZE = 50;

function isUnitNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors[0]?.extensions?.["reason"] === "ORG_UNIT_NOT_FOUND";
}

/** A sentence about what just happened on the page, kept as a key so it follows a language switch. */
export interface Notice {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

function createdLogin(state: unknown): string | null {
  const created = (state as Partial<CreatedUserState> | null)?.created;
  return typeof created === "string" ? created : null;
}

export function UsersRoute() {
  const { t } = useI18n();
  const viewer = useViewer();
  const location = useLocation();
  const searchId = useId();
  const unitId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get("q") ?? "";
  const unitCode = searchParams.get("unit") ?? "";
  const [draft, setDraft] = useState({ search, unitCode });
  const [notice, setNotice] = useState<Notice | null>(() => {
    const login = createdLogin(location.state);
    return login ? { key: "users.created", params: { login } } : null;
  });
  const { data, error, refetch, fetchMore, loading } = useQuery(USERS_QUERY, {
    variables: { search: search || null, orgUnitCode: unitCode || null, first: PAGE_SIZE },
  });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (draft.search.trim()) next["q"] = draft.search.trim();
    if (draft.unitCode.trim()) next["unit"] = draft.unitCode.trim();
    setSearchParams(next);
    setNotice(null);
  }

  const unitMissing = isUnitNotFound(error);
  if (error && !unitMissing) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;

  const page = unitMissing ? null : data?.users;
  return (
    <Card
      title={t("users.title")}
      aside={
        <div className="card__tools">
          {page ? <span className="lead">{t("users.count", { count: page.totalCount })}</span> : null}
          <Link className="button" to="/users/new">
            {t("users.create")}
          </Link>
        </div>
      }
    >
      {notice ? (
        <p className="notice notice--success" role="status">
          {t(notice.key, notice.params)}
        </p>
      ) : null}
      <form className="search-form" role="search" onSubmit={onSearch}>
        <label htmlFor={searchId}>{t("users.search")}</label>
        <input
          id={searchId}
          type="search"
          value={draft.search}
          onChange={(event) => setDraft((previous) => ({ ...previous, search: event.target.value }))}
        />
        <label htmlFor={unitId}>{t("users.unitFilter")}</label>
        <input
          id={unitId}
          className="search-form__code"
          value={draft.unitCode}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setDraft((previous) => ({ ...previous, unitCode: event.target.value }))}
        />
        <button type="submit" className="button">
          {t("users.searchButton")}
        </button>
      </form>
      {unitMissing ? (
        <p className="error-text" role="alert">
          {t("users.unitNotFound", { code: unitCode })}
        </p>
      ) : !page ? (
        <TableSkeleton />
      ) : page.nodes.length === 0 ? (
        <p className="lead">{t("users.empty")}</p>
      ) : (
        <UsersTable users={page.nodes} viewerId={viewer.id} onNotice={setNotice} />
      )}
      <LoadMoreButton
        nextCursor={page?.nextCursor}
        loading={loading}
        label={t("users.more")}
        onMore={(after) =>
          fetchMore({
            variables: { after },
            updateQuery: (previous, { fetchMoreResult }) => ({ users: appendPage(previous.users, fetchMoreResult.users) }),
          })
        }
      />
    </Card>
  );
}
