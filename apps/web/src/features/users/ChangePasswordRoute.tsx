// 修改密码 / Change password, for every signed-in user: the current password, the
// new one twice. Checked here on the server's own rules (the domain's), then by
// the server; a refusal is shown at the field it is about. On success the
// user's other sessions have ended (the server does that) and this one goes on.
import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useId, useRef, useState, type FormEvent } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { formatBeijingTime } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { TextField } from "./FormField.js";
import {
  firstInvalid,
  PASSWORD_CHANGE_FIELD_BY_REASON,
  PASSWORD_CHANGE_FIELDS,
  PASSWORD_LIMITS,
  validatePasswordChange,
  type FieldErrors,
  type PasswordChangeField,
  type PasswordChangeValues,
} from "./user-forms.js";
import { CHANGE_PASSWORD_MUTATION } from "./users-documents.js";

const EMPTY: PasswordChangeValues = { current: "", next: "", repeat: "" };

export function ChangePasswordRoute() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [values, setValues] = useState<PasswordChangeValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<PasswordChangeField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [changePassword, { loading }] = useMutation(CHANGE_PASSWORD_MUTATION);
  const formErrorId = useId();
  const inputs = useRef<Partial<Record<PasswordChangeField, HTMLInputElement | null>>>({});

  const set = (field: PasswordChangeField) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setChanged(false);
  };

  function showErrors(found: FieldErrors<PasswordChangeField>) {
    setErrors(found);
    const first = firstInvalid(PASSWORD_CHANGE_FIELDS, found);
    if (first) inputs.current[first]?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setChanged(false);
    const found = validatePasswordChange(values, viewer.login);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    try {
      await changePassword({ variables: { input: { currentPassword: values.current, newPassword: values.next } } });
      setValues(EMPTY);
      setChanged(true);
    } catch (error) {
      const sentence = errorSentence(error);
      const field = sentence.reason ? PASSWORD_CHANGE_FIELD_BY_REASON[sentence.reason] : undefined;
      if (field) {
        showErrors({ [field]: { key: sentence.key, params: sentence.params } });
        return;
      }
      const extensions = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions : undefined;
      const retryAt = (extensions?.["params"] as { retryAt?: unknown } | undefined)?.retryAt;
      setFormError(
        extensions?.["code"] === "TOO_MANY_ATTEMPTS" && typeof retryAt === "string"
          ? t("login.retryAt", { time: formatBeijingTime(retryAt) })
          : t(sentence.key, sentence.params),
      );
    }
  }

  return (
    <div className="narrow-page">
      <Card title={t("password.title")}>
        <p className="lead">{t("password.lead", { minLength: PASSWORD_LIMITS.minLength })}</p>
        {changed ? (
          <p className="notice notice--success" role="status">
            {t("password.changed")}
          </p>
        ) : null}
        <form
          className="form"
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          aria-describedby={formError ? formErrorId : undefined}
        >
          {/* Lets password managers tie the new password to the account. */}
          <input type="hidden" name="username" autoComplete="username" value={viewer.login} readOnly />
          <TextField
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            label={t("password.current")}
            value={values.current}
            onChange={set("current")}
            error={errors.current}
            inputRef={(element) => {
              inputs.current.current = element;
            }}
          />
          <TextField
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            label={t("password.new")}
            value={values.next}
            onChange={set("next")}
            error={errors.next}
            inputRef={(element) => {
              inputs.current.next = element;
            }}
          />
          <TextField
            name="repeatPassword"
            type="password"
            autoComplete="new-password"
            required
            label={t("password.repeat")}
            value={values.repeat}
            onChange={set("repeat")}
            error={errors.repeat}
            inputRef={(element) => {
              inputs.current.repeat = element;
            }}
          />
          {formError ? (
            <p id={formErrorId} className="error-text" role="alert">
              {formError}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={loading}>
            {loading ? t("password.submitting") : t("password.submit")}
          </button>
        </form>
      </Card>
    </div>
  );
}
