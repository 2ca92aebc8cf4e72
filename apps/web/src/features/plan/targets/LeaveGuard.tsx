// Unsaved edits are not lost by leaving: a navigation inside the app to
// another page (another tab included) asks first, and so does closing or
// reloading the browser tab (the browser's own question, beforeunload).
// Changing the metric or focusing a cell only changes the query string and
// is not leaving.
import { useEffect, useRef } from "react";
import { useBlocker } from "react-router";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Dialog } from "../../../components/Dialog.js";

export function LeaveGuard({ unsavedCount }: { readonly unsavedCount: number }) {
  const { t } = useI18n();
  const stay = useRef<HTMLButtonElement>(null);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsavedCount > 0 && currentLocation.pathname !== nextLocation.pathname,
  );
  const dirty = unsavedCount > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the question only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  if (blocker.state !== "blocked") return null;
  return (
    <Dialog
      title={t("targets.leave.title")}
      onClose={() => blocker.reset()}
      initialFocus={stay}
      testId="leave-dialog"
      actions={
        <>
          <button ref={stay} type="button" className="button" onClick={() => blocker.reset()}>
            {t("targets.leave.stay")}
          </button>
          <button type="button" className="button" onClick={() => blocker.proceed()}>
            {t("targets.leave.discard")}
          </button>
        </>
      }
    >
      <p>{t("targets.leave.body", { count: unsavedCount })}</p>
    </Dialog>
  );
}
