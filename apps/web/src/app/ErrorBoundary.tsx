// Last line of defence: a render error shows a message and a reload button
// instead of a blank page.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { Card } from "../components/Card.js";
import { useI18n } from "./i18n/I18nProvider.js";

function ErrorFallback() {
  const { t } = useI18n();
  return (
    <Card title={t("errorBoundary.title")} role="alert">
      <p>{t("errorBoundary.body")}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("errorBoundary.reload")}
      </button>
    </Card>
  );
}

interface ErrorBoundaryState {
  readonly failed: boolean;
}

export class ErrorBoundary extends Component<{ readonly children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Render error:", error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <ErrorFallback /> : this.props.children;
  }
}
