// The checks the users forms make before sending, on the domain's own rules (the
// server makes the same ones and has the last word), and where a refusal from the
// server belongs: each reason the server gives is shown at the field it is about.
import {
  isValidLogin,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
  type PasswordProblem,
  type Role,
} from "@pyramid/domain";
import type { ErrorReason } from "../../app/error-messages.js";
import type { Locale, MessageKey, MessageParams } from "../../app/i18n/messages.js";

export interface FieldError {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

/** The parameters the server sends with a password refusal, for the same sentence here. */
export const PASSWORD_LIMITS = { minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH } as const;

const PASSWORD_PROBLEM_KEY: Readonly<Record<PasswordProblem, MessageKey>> = {
  TOO_SHORT: "error.reason.PASSWORD_TOO_SHORT",
  TOO_LONG: "error.reason.PASSWORD_TOO_LONG",
  SAME_AS_LOGIN: "error.reason.PASSWORD_SAME_AS_LOGIN",
};

const REQUIRED: FieldError = { key: "error.reason.REQUIRED" };

function passwordError(password: string, login: string): FieldError | undefined {
  if (password === "") return REQUIRED;
  const problem = newPasswordProblem(password, login);
  return problem === null ? undefined : { key: PASSWORD_PROBLEM_KEY[problem], params: PASSWORD_LIMITS };
}

/** Only the fields that have an error. */
function definedOnly<F extends string>(errors: Record<F, FieldError | undefined>): FieldErrors<F> {
  return Object.fromEntries(Object.entries(errors).filter(([, error]) => error !== undefined)) as FieldErrors<F>;
}

// ───────────── a new user ─────────────

export const NEW_USER_FIELDS = ["login", "displayName", "email", "unit", "roles", "locale", "password"] as const;
export type NewUserField = (typeof NEW_USER_FIELDS)[number];

export interface NewUserValues {
  readonly login: string;
  readonly displayName: string;
  readonly email: string;
  /** The chosen unit's id, "" while none is chosen. */
  readonly unitId: string;
  readonly roles: readonly Role[];
  readonly locale: Locale;
  readonly password: string;
}

export function validateNewUser(values: NewUserValues): FieldErrors<NewUserField> {
  const login = values.login.trim();
  return definedOnly<NewUserField>({
    login: login === "" ? REQUIRED : isValidLogin(login) ? undefined : { key: "error.reason.LOGIN_INVALID" },
    displayName: values.displayName.trim() === "" ? { key: "error.reason.DISPLAY_NAME_REQUIRED" } : undefined,
    email: undefined,
    unit: values.unitId === "" ? { key: "error.reason.UNIT_REQUIRED" } : undefined,
    roles: values.roles.length === 0 ? { key: "error.reason.ROLE_ASSIGNMENT_REQUIRED" } : undefined,
    locale: undefined,
    password: passwordError(values.password, login),
  });
}

/** The field of the create form a server refusal is about (null: the form as a whole). */
export const NEW_USER_FIELD_BY_REASON: Readonly<Partial<Record<ErrorReason, NewUserField>>> = {
  LOGIN_INVALID: "login",
  LOGIN_TAKEN: "login",
  DISPLAY_NAME_REQUIRED: "displayName",
  ORG_UNIT_NOT_FOUND: "unit",
  ROLE_ASSIGNMENT_REQUIRED: "roles",
  ROLE_INVALID: "roles",
  LOCALE_INVALID: "locale",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  PASSWORD_SAME_AS_LOGIN: "password",
};

// ───────────── one's own password ─────────────

export const PASSWORD_CHANGE_FIELDS = ["current", "next", "repeat"] as const;
export type PasswordChangeField = (typeof PASSWORD_CHANGE_FIELDS)[number];

export interface PasswordChangeValues {
  readonly current: string;
  readonly next: string;
  readonly repeat: string;
}

/** `login` is the signed-in user's: a new password may not be it. */
export function validatePasswordChange(values: PasswordChangeValues, login: string): FieldErrors<PasswordChangeField> {
  return definedOnly<PasswordChangeField>({
    current: values.current === "" ? REQUIRED : undefined,
    next: passwordError(values.next, login),
    repeat:
      values.repeat === "" ? REQUIRED : values.repeat !== values.next ? { key: "error.reason.PASSWORD_MISMATCH" } : undefined,
  });
}

export const PASSWORD_CHANGE_FIELD_BY_REASON: Readonly<Partial<Record<ErrorReason, PasswordChangeField>>> = {
  CURRENT_PASSWORD_WRONG: "current",
  PASSWORD_TOO_SHORT: "next",
  PASSWORD_TOO_LONG: "next",
  PASSWORD_SAME_AS_LOGIN: "next",
};

/** The first field, in the form's order, that has an error. */
export function firstInvalid<F extends string>(order: readonly F[], errors: FieldErrors<F>): F | undefined {
  return order.find((field) => errors[field] !== undefined);
}
