// A modal dialog on the browser's own <dialog> (showModal): the page behind it is
// inert, focus stays inside, Escape closes it. Focus starts on `initialFocus`
// (for a destructive question, the safe answer) and goes back to what had it
// before, when that is still on the page.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";

export interface DialogProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The buttons, in reading order. */
  readonly actions: ReactNode;
  /** Escape, or the dialog closed otherwise than by an action. */
  readonly onClose: () => void;
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly testId?: string;
}

/** Rendered only while it is open: mount it to ask, unmount it to close. */
export function Dialog({ title, children, actions, onClose, initialFocus, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (before?.isConnected) before.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: the owner unmounts the dialog, which closes it.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
