// The users table and its row actions. Deactivating asks once, saying what will
// happen; resetting a password asks once, then shows the temporary password this
// one time (it lives in this component's state until the dialog closes).
import { useMutation } from "@apollo/client/react";
import { ROLE_LABELS } from "@pyramid/domain";
import { useRef, useState } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { formatBeijingTime } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LOCALE_NAMES, isLocale } from "../../app/i18n/messages.js";
import { Dialog } from "../../components/Dialog.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import type { UserRowFieldsFragment } from "../../graphql/generated/graphql.js";
import { temporaryPassword } from "./temporary-password.js";
import type { Notice } from "./UsersRoute.js";
import { DEACTIVATE_USER_MUTATION, RESET_PASSWORD_MUTATION } from "./users-documents.js";

type Pending =
  | { readonly kind: "deactivate"; readonly user: UserRowFieldsFragment }
  | { readonly kind: "reset"; readonly user: UserRowFieldsFragment }
  | { readonly kind: "password"; readonly user: UserRowFieldsFragment; readonly password: string };

export interface UsersTableProps {
  readonly users: readonly UserRowFieldsFragment[];
  /** The signed-in administrator: no actions on their own row. */
  readonly viewerId: string;
  readonly onNotice: (notice: Notice) => void;
}

export function UsersTable({ users, viewerId, onNotice }: UsersTableProps) {
  const { locale, t } = useI18n();
  const lang = locale === "en" ? "en" : "zh";
  const [pending, setPending] = useState<Pending | null>(null);

  return (
    <>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("users.name")}</th>
            <th scope="col">{t("users.login")}</th>
            <th scope="col">{t("users.assignments")}</th>
            <th scope="col">{t("users.locale")}</th>
            <th scope="col">{t("users.status")}</th>
            <th scope="col">{t("users.lastLogin")}</th>
            <th scope="col">{t("users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row" data-login={user.login}>
              <th scope="row">
                {user.displayName}
                {user.id === viewerId ? <span className="unit-code"> {t("users.you")}</span> : null}
              </th>
              <td>{user.login}</td>
              <td>
                {user.roleAssignments.map((assignment) => (
                  <div key={`${assignment.role}@${assignment.orgUnit.id}`}>
                    {lang === "en" ? assignment.orgUnit.nameEn : assignment.orgUnit.nameZh}
                    <span className="unit-code"> ({assignment.orgUnit.code})</span> · {ROLE_LABELS[assignment.role][lang]}
                  </div>
                ))}
              </td>
              <td>{isLocale(user.locale) ? LOCALE_NAMES[user.locale] : user.locale}</td>
              <td>
                {user.isActive ? (
                  <StatusBadge tone="success">{t("users.active")}</StatusBadge>
                ) : (
                  <StatusBadge tone="neutral">{t("users.inactive")}</StatusBadge>
                )}
              </td>
              <td>{user.lastLoginAt ? formatBeijingTime(user.lastLoginAt) : t("users.never")}</td>
              <td>
                {user.id !== viewerId && user.isActive ? (
                  <div className="row-actions">
                    <button type="button" className="link-button" onClick={() => setPending({ kind: "reset", user })}>
                      {t("users.resetPassword")}
                    </button>
                    <button
                      type="button"
                      className="link-button link-button--danger"
                      onClick={() => setPending({ kind: "deactivate", user })}
                    >
                      {t("users.deactivate")}
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending?.kind === "deactivate" ? (
        <DeactivateDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={() => {
            setPending(null);
            onNotice({ key: "users.deactivated", params: { name: pending.user.displayName } });
          }}
        />
      ) : null}
      {pending?.kind === "reset" ? (
        <ResetDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={(password) => setPending({ kind: "password", user: pending.user, password })}
        />
      ) : null}
      {pending?.kind === "password" ? (
        <TemporaryPasswordDialog user={pending.user} password={pending.password} onClose={() => setPending(null)} />
      ) : null}
    </>
  );
}

interface DialogStepProps {
  readonly user: UserRowFieldsFragment;
  readonly onClose: () => void;
}

function DeactivateDialog({ user, onClose, onDone }: DialogStepProps & { readonly onDone: () => void }) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  const [deactivate, { loading, error }] = useMutation(DEACTIVATE_USER_MUTATION);
  const names = { name: user.displayName, login: user.login };
  async function confirm() {
    try {
      await deactivate({ variables: { input: { userId: user.id } } });
      onDone();
    } catch {
      // Shown from the mutation's error below.
    }
  }
  const sentence = error ? errorSentence(error) : null;
  return (
    <Dialog
      title={t("users.deactivateConfirm.title", names)}
      onClose={onClose}
      initialFocus={cancel}
      testId="deactivate-dialog"
      actions={
        <>
          <button ref={cancel} type="button" className="button button--secondary" onClick={onClose}>
            {t("dialog.cancel")}
          </button>
          <button type="button" className="button button--danger" disabled={loading} onClick={() => void confirm()}>
            {t("users.deactivate")}
          </button>
        </>
      }
    >
      <p>{t("users.deactivateConfirm.body", names)}</p>
      {sentence ? (
        <p className="error-text" role="alert">
          {t(sentence.key, sentence.params)}
        </p>
      ) : null}
    </Dialog>
  );
}

function ResetDialog({ user, onClose, onDone }: DialogStepProps & { readonly onDone: (password: string) => void }) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  const [reset, { loading, error }] = useMutation(RESET_PASSWORD_MUTATION);
  async function confirm() {
    const password = temporaryPassword();
    try {
      await reset({ variables: { input: { userId: user.id, newPassword: password } } });
      onDone(password);
    } catch {
      // Shown from the mutation's error below; the password is dropped.
    }
  }
  const sentence = error ? errorSentence(error) : null;
  return (
    <Dialog
      title={t("users.resetConfirm.title", { name: user.displayName })}
      onClose={onClose}
      initialFocus={cancel}
      testId="reset-dialog"
      actions={
        <>
          <button ref={cancel} type="button" className="button button--secondary" onClick={onClose}>
            {t("dialog.cancel")}
          </button>
          <button type="button" className="button" disabled={loading} onClick={() => void confirm()}>
            {t("users.resetPassword")}
          </button>
        </>
      }
    >
      <p>{t("users.resetConfirm.body", { name: user.displayName })}</p>
      {sentence ? (
        <p className="error-text" role="alert">
          {t(sentence.key, sentence.params)}
        </p>
      ) : null}
    </Dialog>
  );
}

function TemporaryPasswordDialog({ user, password, onClose }: DialogStepProps & { readonly password: string }) {
  const { t } = useI18n();
  const done = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator !== "undefined" && navigator.clipboard !== undefined;
  return (
    <Dialog
      title={t("users.resetDone.title", { name: user.displayName })}
      onClose={onClose}
      initialFocus={done}
      testId="temporary-password-dialog"
      actions={
        <>
          {canCopy ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                void navigator.clipboard.writeText(password).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t("users.resetDone.copied") : t("users.resetDone.copy")}
            </button>
          ) : null}
          <button ref={done} type="button" className="button" onClick={onClose}>
            {t("users.done")}
          </button>
        </>
      }
    >
      <p>{t("users.resetDone.body", { name: user.displayName })}</p>
      <p className="temporary-password" data-testid="temporary-password" translate="no">
        {password}
      </p>
    </Dialog>
  );
}
