// A labelled input with its hint and its error, tied together for screen readers
// (aria-describedby, aria-invalid). The forms here check before sending and show
// the server's refusals at the same place.
import { useId, type Ref } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { FieldError } from "./user-forms.js";

export interface TextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: FieldError | undefined;
  readonly hint?: string;
  readonly type?: "text" | "password" | "email";
  readonly autoComplete?: string;
  readonly required?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function FieldErrorText({ id, error }: { readonly id: string; readonly error: FieldError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p id={id} className="error-text form__error" data-testid="field-error">
      {t(error.key, error.params)}
    </p>
  );
}

/** The ids that describe a field: its hint and its error, when shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return shown.length > 0 ? shown.join(" ") : undefined;
}

export function TextField(props: TextFieldProps) {
  const { name, label, value, onChange, error, hint, type = "text", autoComplete, required = false, inputRef } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="form__field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint !== undefined ? (
        <p id={hintId} className="form__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={errorId} error={error} />
    </div>
  );
}
