// 新建用户 / Create user (HQ administrators): login, display name, email, the org
// unit and the roles held there, the interface language and the first password.
// Checked here on the domain's rules, then by the server; each refusal is shown
// at its field. Done: back to the list, which says who was created.
import { useMutation } from "@apollo/client/react";
import { ROLE_LABELS, ROLES, type Role } from "@pyramid/domain";
import { useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { errorSentence } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LOCALE_NAMES, LOCALES, type Locale } from "../../app/i18n/messages.js";
import { isHqAdmin, useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { describedBy, FieldErrorText, TextField } from "./FormField.js";
import { temporaryPassword } from "./temporary-password.js";
import { UnitPicker, type AssignableUnit } from "./UnitPicker.js";
import {
  firstInvalid,
  NEW_USER_FIELD_BY_REASON,
  NEW_USER_FIELDS,
  PASSWORD_LIMITS,
  validateNewUser,
  type FieldErrors,
  type NewUserField,
} from "./user-forms.js";
import { CREATE_USER_MUTATION } from "./users-documents.js";

/** What the list page shows after a user was created (router state). */
export interface CreatedUserState {
  readonly created: string;
}

/** Only HQ administrators create users (the server refuses anyone else): others are told at once. */
export function CreateUserRoute() {
  const { t } = useI18n();
  const viewer = useViewer();
  if (!isHqAdmin(viewer)) {
    return (
      <Card title={t("page.forbidden.title")} role="alert">
        <p>{t("error.FORBIDDEN")}</p>
      </Card>
    );
  }
  return <CreateUserForm />;
}

function CreateUserForm() {
  const { locale: interfaceLocale, t } = useI18n();
  const navigate = useNavigate();
  const [login, setLogin] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [unit, setUnit] = useState<AssignableUnit | null>(null);
  const [roles, setRoles] = useState<readonly Role[]>([]);
  const [locale, setLocale] = useState<Locale>("zh-CN");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors<NewUserField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createUser, { loading }] = useMutation(CREATE_USER_MUTATION);
  const ids = { roles: useId(), locale: useId(), formError: useId() };
  const focusable = useRef<Partial<Record<NewUserField, HTMLElement | null>>>({});
  const keep = (field: NewUserField) => (element: HTMLElement | null) => {
    focusable.current[field] = element;
  };
  const lang = interfaceLocale === "en" ? "en" : "zh";

  function showErrors(found: FieldErrors<NewUserField>) {
    setErrors(found);
    const first = firstInvalid(NEW_USER_FIELDS, found);
    if (first) focusable.current[first]?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const found = validateNewUser({ login, displayName, email, unitId: unit?.id ?? "", roles, locale, password });
    if (Object.keys(found).length > 0 || !unit) {
      showErrors(found);
      return;
    }
    setErrors({});
    try {
      const trimmedLogin = login.trim();
      await createUser({
        variables: {
          input: {
            login: trimmedLogin,
            displayName: displayName.trim(),
            email: email.trim() === "" ? null : email.trim(),
            locale,
            password,
            // In the order the roles are listed, whatever order they were ticked in.
            roleAssignments: ROLES.filter((role) => roles.includes(role)).map((role) => ({ role, orgUnitId: unit.id })),
          },
        },
        // Every users list asks again, with the new user where they belong.
        update: (cache) => {
          cache.evict({ fieldName: "users" });
          cache.gc();
        },
      });
      const state: CreatedUserState = { created: trimmedLogin };
      await navigate("/users", { state });
    } catch (error) {
      const sentence = errorSentence(error);
      const field = sentence.reason ? NEW_USER_FIELD_BY_REASON[sentence.reason] : undefined;
      if (field) showErrors({ [field]: { key: sentence.key, params: sentence.params } });
      else setFormError(t(sentence.key, sentence.params));
    }
  }

  function toggleRole(role: Role, checked: boolean) {
    setRoles((previous) => (checked ? [...previous, role] : previous.filter((held) => held !== role)));
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="narrow-page">
      <Card title={t("userForm.title")} aside={<Link to="/users">{t("userForm.back")}</Link>}>
        <form
          className="form"
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          aria-describedby={formError ? ids.formError : undefined}
        >
          {hasErrors ? (
            <p className="error-text" role="alert">
              {t("userForm.fixErrors")}
            </p>
          ) : null}
          <TextField
            name="login"
            label={t("userForm.login")}
            hint={t("userForm.loginHint")}
            autoComplete="off"
            required
            value={login}
            onChange={setLogin}
            error={errors.login}
            inputRef={keep("login")}
          />
          <TextField
            name="displayName"
            label={t("userForm.displayName")}
            autoComplete="off"
            required
            value={displayName}
            onChange={setDisplayName}
            error={errors.displayName}
            inputRef={keep("displayName")}
          />
          <TextField
            name="email"
            type="email"
            label={t("userForm.email")}
            autoComplete="off"
            value={email}
            onChange={setEmail}
            error={errors.email}
            inputRef={keep("email")}
          />
          <UnitPicker value={unit} onChange={setUnit} error={errors.unit} selectRef={keep("unit")} />
          <fieldset className="form__choices" aria-describedby={describedBy(errors.roles !== undefined && `${ids.roles}-error`)}>
            <legend>{t("userForm.roles")}</legend>
            {ROLES.map((role, index) => (
              <label key={role} className="form__choice">
                <input
                  ref={index === 0 ? keep("roles") : undefined}
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(event) => toggleRole(role, event.target.checked)}
                />
                {ROLE_LABELS[role][lang]}
              </label>
            ))}
            <FieldErrorText id={`${ids.roles}-error`} error={errors.roles} />
          </fieldset>
          <div className="form__field">
            <label htmlFor={ids.locale}>{t("userForm.locale")}</label>
            <select
              ref={keep("locale")}
              id={ids.locale}
              name="locale"
              value={locale}
              aria-invalid={errors.locale ? true : undefined}
              aria-describedby={describedBy(errors.locale !== undefined && `${ids.locale}-error`)}
              onChange={(event) => setLocale(event.target.value === "en" ? "en" : "zh-CN")}
            >
              {LOCALES.map((option) => (
                <option key={option} value={option} lang={option}>
                  {LOCALE_NAMES[option]}
                </option>
              ))}
            </select>
            <FieldErrorText id={`${ids.locale}-error`} error={errors.locale} />
          </div>
          <div className="form__row">
            <TextField
              name="password"
              label={t("userForm.password")}
              hint={t("userForm.passwordHint", { minLength: PASSWORD_LIMITS.minLength })}
              autoComplete="off"
              required
              value={password}
              onChange={setPassword}
              error={errors.password}
              inputRef={keep("password")}
            />
            <button type="button" className="button button--secondary" onClick={() => setPassword(temporaryPassword())}>
              {t("userForm.generate")}
            </button>
          </div>
          {formError ? (
            <p id={ids.formError} className="error-text" role="alert">
              {formError}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={loading}>
            {loading ? t("userForm.submitting") : t("userForm.submit")}
          </button>
        </form>
      </Card>
    </div>
  );
}
