// The gate in front of every signed-in page: asks the server who is signed in
// (the HTTP-only cookie is not readable here) and sends everybody else to the
// sign-in page, remembering where they were. When a signed-in viewer's session
// ends under them (an operation answered UNAUTHENTICATED: apollo-client.ts sets
// `me` to null), the login page says it expired.
import { useQuery } from "@apollo/client/react";
import { useRef, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { PageError } from "../../components/PageStates.js";
import { useI18n } from "../i18n/I18nProvider.js";
import { VIEWER_QUERY } from "./session-documents.js";
import { ViewerContext } from "./viewer.js";
import { loginPath } from "./safe-next.js";

export function RequireSession({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const { data, error, refetch } = useQuery(VIEWER_QUERY);
  const hadViewer = useRef(false);

  if (data?.me) {
    hadViewer.current = true;
    return <ViewerContext.Provider value={data.me}>{children}</ViewerContext.Provider>;
  }
  if (data && !data.me) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={loginPath(here, hadViewer.current ? "expired" : undefined)} replace />;
  }
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  return <div className="skeleton" aria-busy="true" aria-label={t("page.loading")} />;
}
