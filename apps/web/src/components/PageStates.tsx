// The states every page shares: not found (also for a unit outside the viewer's
// scope, which the server answers the same way), forbidden, and an error with a
// retry. An expired session is not shown here: apollo-client.ts sends the
// viewer to the sign-in page.
import { CombinedGraphQLErrors } from "@apollo/client";
import { Link } from "react-router";
import { errorMessageKey } from "../app/error-messages.js";
import { useI18n } from "../app/i18n/I18nProvider.js";
import { Card } from "./Card.js";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Card title={t("page.notFound.title")} role="alert">
      <p>{t("page.notFound.body")}</p>
      <Link className="button" to="/">
        {t("page.backHome")}
      </Link>
    </Card>
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Card title={t("page.forbidden.title")} role="alert">
      <p>{t("page.forbidden.body")}</p>
      <Link className="button" to="/">
        {t("page.backHome")}
      </Link>
    </Card>
  );
}

function errorCode(error: unknown): unknown {
  return CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.["code"] : undefined;
}

export function PageError({ error, onRetry }: { readonly error: unknown; readonly onRetry: () => void }) {
  const { t } = useI18n();
  const code = errorCode(error);
  if (code === "NOT_FOUND") return <NotFoundPage />;
  if (code === "FORBIDDEN") return <ForbiddenPage />;
  return (
    <Card title={t("page.error.title")} role="alert">
      <p className="error-text">{t(errorMessageKey(error))}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t("page.retry")}
      </button>
    </Card>
  );
}

export function TableSkeleton() {
  const { t } = useI18n();
  return <div className="skeleton" aria-busy="true" aria-label={t("page.loading")} />;
}
