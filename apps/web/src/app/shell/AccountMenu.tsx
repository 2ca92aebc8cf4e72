// The account menu in the header: the button names the viewer, their unit and
// role; the menu holds change password, users (HQ administrators) and sign out.
// The WAI-ARIA menu button pattern: Enter, Space or ↓ opens on the first item,
// ↑ on the last; ↑ ↓ Home End move; Escape closes back to the button; Tab or a
// click elsewhere closes it.
import { useApolloClient, useMutation } from "@apollo/client/react";
import { ROLE_LABELS } from "@pyramid/domain";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useI18n } from "../i18n/I18nProvider.js";
import { loginPath } from "../session/safe-next.js";
import { LOGOUT_MUTATION } from "../session/session-documents.js";
import { isHqAdmin, useViewer, type Viewer } from "../session/viewer.js";

/** A page to go to (a link, so it can also open in a new tab) or an action. */
type MenuItem =
  | { readonly key: string; readonly label: string; readonly to: string }
  | { readonly key: string; readonly label: string; readonly onSelect: () => void };

/** "从化区市场部 · 编制人", one per distinct unit and role. */
function assignmentsText(viewer: Viewer, lang: "zh" | "en"): string {
  const texts = viewer.roleAssignments.map(
    (assignment) =>
      `${lang === "en" ? assignment.orgUnit.nameEn : assignment.orgUnit.nameZh} · ${ROLE_LABELS[assignment.role][lang]}`,
  );
  return [...new Set(texts)].join(lang === "en" ? ", " : "，");
}

export function AccountMenu() {
  const { locale, t } = useI18n();
  const viewer = useViewer();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [logout] = useMutation(LOGOUT_MUTATION);
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonId = useId();
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);

  async function signOut() {
    await logout().catch(() => undefined); // signed out or not, leave: the cookie is the server's to clear
    await navigate(loginPath("/", "signedOut"), { replace: true });
    await client.clearStore();
  }

  const items: MenuItem[] = [
    { key: "password", label: t("account.changePassword"), to: "/account/password" },
    ...(isHqAdmin(viewer) ? [{ key: "users", label: t("account.users"), to: "/users" }] : []),
    ...(isHqAdmin(viewer) ? [{ key: "cycles", label: t("cycles.title"), to: "/cycles" }] : []),
    { key: "logout", label: t("header.logout"), onSelect: () => void signOut() },
  ];

  // Focus follows the active item while the menu is open.
  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  // A click or tap outside closes the menu (focus stays where the user put it).
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function openAt(index: number) {
    setFocusIndex(index);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(items.length - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: focusIndex === last ? 0 : focusIndex + 1,
      ArrowUp: focusIndex === 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setFocusIndex(target);
    } else if (event.key === " ") {
      // Space activates an item as Enter does (a link alone would not react to it).
      event.preventDefault();
      itemRefs.current[focusIndex]?.click();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  }

  function select(item: MenuItem) {
    close(true);
    if ("onSelect" in item) item.onSelect();
  }

  const lang = locale === "en" ? "en" : "zh";
  return (
    <div className="account-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="account-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="account-menu__name">{viewer.displayName}</span>
        <span className="account-menu__roles" data-testid="viewer-roles">
          {assignmentsText(viewer, lang)}
        </span>
      </button>
      {open ? (
        <ul id={menuId} role="menu" aria-labelledby={buttonId} className="account-menu__list" onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <li key={item.key} role="none">
              {"to" in item ? (
                <Link
                  ref={(element) => {
                    itemRefs.current[index] = element;
                  }}
                  to={item.to}
                  role="menuitem"
                  tabIndex={index === focusIndex ? 0 : -1}
                  className="account-menu__item"
                  onClick={() => select(item)}
                >
                  {item.label}
                </Link>
              ) : (
                <button
                  ref={(element) => {
                    itemRefs.current[index] = element;
                  }}
                  type="button"
                  role="menuitem"
                  tabIndex={index === focusIndex ? 0 : -1}
                  className="account-menu__item"
                  onClick={() => select(item)}
                >
                  {item.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
