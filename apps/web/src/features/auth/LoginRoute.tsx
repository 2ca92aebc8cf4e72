// The sign-in page. The server sets the HTTP-only session cookie; the answer's
// `me` goes into the cache so the gate lets the user through at once, and the
// interface takes the user's own language. Someone already signed in (the
// server says so: the cookie is not readable here) goes on to their home, or
// to the safe `next` they came with.
import { CombinedGraphQLErrors } from "@apollo/client";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessageKey } from "../../app/error-messages.js";
import { formatBeijingTime } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { isLocale, type MessageKey } from "../../app/i18n/messages.js";
import { safeNextPath } from "../../app/session/safe-next.js";
import { LOGIN_MUTATION, VIEWER_QUERY } from "../../app/session/session-documents.js";
import { Card } from "../../components/Card.js";

const REASON_MESSAGES: Readonly<Record<string, MessageKey>> = {
  expired: "login.expired",
  signedOut: "login.signedOut",
};

function loginErrorText(error: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (CombinedGraphQLErrors.is(error)) {
    const extensions = error.errors[0]?.extensions;
    if (extensions?.["code"] === "UNAUTHENTICATED") return t("login.failed");
    const params = extensions?.["params"] as { retryAt?: unknown } | undefined;
    if (extensions?.["code"] === "TOO_MANY_ATTEMPTS" && typeof params?.retryAt === "string") {
      return t("login.retryAt", { time: formatBeijingTime(params.retryAt) });
    }
  }
  return t(errorMessageKey(error));
}

export function LoginRoute() {
  const { t, setLocale } = useI18n();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [signIn, { loading, error }] = useMutation(LOGIN_MUTATION);
  const errorId = useId();
  const reason = REASON_MESSAGES[searchParams.get("reason") ?? ""];
  // Asked of the server each time: a cached viewer may be one who has just signed out.
  const session = useQuery(VIEWER_QUERY, { fetchPolicy: "network-only" });

  if (session.data?.me) return <Navigate to={safeNextPath(searchParams.get("next"))} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const { data } = await signIn({ variables: { login: login.trim(), password } });
      if (!data) return;
      const me = data.login.me;
      // A new session: nothing cached from another user may show.
      await client.clearStore();
      client.writeQuery({ query: VIEWER_QUERY, data: { me } });
      if (isLocale(me.locale)) setLocale(me.locale);
      await navigate(safeNextPath(searchParams.get("next")), { replace: true });
    } catch {
      // Shown from the mutation's `error` below.
    }
  }

  return (
    <div className="login-page">
      <Card title={t("login.title")}>
        {reason && !error ? (
          <p className="notice" role="status">
            {t(reason)}
          </p>
        ) : null}
        <form className="form" onSubmit={(event) => void onSubmit(event)} aria-describedby={error ? errorId : undefined}>
          <label className="form__field">
            <span>{t("login.login")}</span>
            <input
              name="login"
              autoComplete="username"
              required
              value={login}
              onChange={(event) => setLogin(event.target.value)}
            />
          </label>
          <label className="form__field">
            <span>{t("login.password")}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {error ? (
            <p id={errorId} className="error-text" role="alert">
              {loginErrorText(error, t)}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={loading}>
            {loading ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </Card>
    </div>
  );
}
