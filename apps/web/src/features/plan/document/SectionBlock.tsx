// One section of the plan document: its title, guidance, required flag and who
// changed it last; its text in a textarea with a counter at the server's limit,
// saved with the version it was read at; for a method section (part C) the
// targets it serves. A save that meets someone else's newer change shows their
// text (or links), who and when, and lets the user keep theirs or take the other's.
import { useMutation } from "@apollo/client/react";
import { MAX_SECTION_BODY_LENGTH } from "@pyramid/domain";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { errorSentence } from "../../../app/error-messages.js";
import { formatBeijingTime } from "../../../app/format.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type {
  PlanCatalogueLabelsFragment,
  PlanDocumentSectionFragment,
  PlanSectionStateFieldsFragment,
} from "../../../graphql/generated/graphql.js";
import { SET_PLAN_SECTION_LINKS_MUTATION, UPDATE_PLAN_SECTION_MUTATION } from "./document-documents.js";
import {
  expectedVersionOf,
  sameLinks,
  sectionAnchor,
  stateOfSaved,
  stateOfSection,
  type SectionLink,
  type SectionState,
} from "./document-model.js";
import { LinksEditor, LinksList, useLinkLabel } from "./LinksEditor.js";

/** What was refused, and what is there now. */
interface Conflict {
  readonly kind: "TEXT" | "LINKS";
  readonly current: SectionState;
}

type Notice = { readonly tone: "success" | "error"; readonly text: string } | null;

const NUMBER = new Intl.NumberFormat("en-US");

export interface SectionBlockProps {
  readonly planId: string;
  readonly section: PlanDocumentSectionFragment;
  readonly editable: boolean;
  readonly catalogue: PlanCatalogueLabelsFragment;
  /** Told whenever the section starts or stops holding unsaved text or links. */
  readonly onDirtyChange: (code: string, dirty: boolean) => void;
  /** Told what the server now holds, after a write or after taking the other person's version. */
  readonly onServerState: (code: string, state: SectionState) => void;
  /** Shown under the text: the evidence panel of an environment-analysis section (part A). */
  readonly evidence?: ReactNode;
}

type SaveAnswer =
  | { readonly __typename?: "PlanSectionSaved"; readonly section: PlanSectionStateFieldsFragment }
  | { readonly __typename?: "PlanSectionConflict"; readonly current: PlanSectionStateFieldsFragment | null };

export function SectionBlock({
  planId,
  section,
  editable,
  catalogue,
  onDirtyChange,
  onServerState,
  evidence,
}: SectionBlockProps) {
  const { locale, t } = useI18n();
  const ids = useId();
  const headingId = `${ids}-title`;
  const guidanceId = `${ids}-guidance`;
  const counterId = `${ids}-counter`;
  const [base, setBase] = useState<SectionState>(() => stateOfSection(section));
  const [draft, setDraft] = useState(section.body);
  const [draftLinks, setDraftLinks] = useState<readonly SectionLink[]>(() => base.links);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  // The answers are not cached as they come (a union of saved and conflict); the document's
  // own cache entry is patched instead (onServerState).
  const [updateSection] = useMutation(UPDATE_PLAN_SECTION_MUTATION, { fetchPolicy: "no-cache" });
  const [setSectionLinks] = useMutation(SET_PLAN_SECTION_LINKS_MUTATION, { fetchPolicy: "no-cache" });
  const linkLabel = useLinkLabel(catalogue);

  const textDirty = draft !== base.body;
  const linksDirty = !sameLinks(draftLinks, base.links);
  const dirty = textDirty || linksDirty;
  const isMethod = section.part === "METHODS";
  const code = section.code;

  useEffect(() => onDirtyChange(code, dirty), [code, dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(code, false), [code, onDirtyChange]);

  // A newer version read from the server (a reload of the document) replaces what is not being edited.
  const latest = useRef({ base, textDirty, linksDirty });
  latest.current = { base, textDirty, linksDirty };
  const serverState = useMemo(() => stateOfSection(section), [section]);
  useEffect(() => {
    const { base: known, textDirty: editingText, linksDirty: editingLinks } = latest.current;
    if (serverState.version <= known.version) return;
    setBase(serverState);
    if (!editingText) setDraft(serverState.body);
    if (!editingLinks) setDraftLinks(serverState.links);
  }, [serverState]);

  const title = locale === "en" ? section.titleEn : section.titleZh;
  const guidance = locale === "en" ? section.guidanceEn : section.guidanceZh;

  async function write(kind: Conflict["kind"], expectedVersion: number | null): Promise<void> {
    setBusy(true);
    setNotice(null);
    try {
      let answer: SaveAnswer | undefined;
      if (kind === "TEXT") {
        const result = await updateSection({ variables: { planId, code, body: draft, expectedVersion } });
        answer = result.data?.updatePlanSection;
      } else {
        const links = draftLinks.map((link) => ({ metricId: link.metricId, productSpecId: link.productSpecId }));
        const result = await setSectionLinks({ variables: { planId, code, links, expectedVersion } });
        answer = result.data?.setPlanSectionLinks;
      }
      if (answer === undefined) throw new Error("no answer");
      if ("section" in answer) {
        const saved = stateOfSaved(answer.section);
        setBase(saved);
        onServerState(code, saved);
        // The other half of the section follows the server when the user has not touched it.
        if (kind === "LINKS" && !textDirty) setDraft(saved.body);
        if (kind === "TEXT" && !linksDirty) setDraftLinks(saved.links);
        setConflict(null);
        setNotice({ tone: "success", text: t(kind === "TEXT" ? "document.saved" : "document.links.saved") });
      } else {
        setConflict({ kind, current: stateOfSaved(answer.current) });
      }
    } catch (error) {
      const sentence = errorSentence(error);
      setNotice({ tone: "error", text: t(sentence.key, sentence.params) });
    } finally {
      setBusy(false);
    }
  }

  function keepMine(): void {
    if (conflict) void write(conflict.kind, expectedVersionOf(conflict.current));
  }

  function takeTheirs(): void {
    if (!conflict) return;
    const { current, kind } = conflict;
    setBase(current);
    onServerState(code, current);
    if (kind === "TEXT" || !textDirty) setDraft(current.body);
    if (kind === "LINKS" || !linksDirty) setDraftLinks(current.links);
    setConflict(null);
    setNotice(null);
  }

  function discard(): void {
    setDraft(base.body);
    setDraftLinks(base.links);
    setConflict(null);
    setNotice(null);
  }

  const lastEdit =
    base.updatedAt === null
      ? t("document.neverSaved")
      : t("document.lastEdited", {
          name: base.updatedBy?.displayName ?? t("document.someone"),
          time: formatBeijingTime(base.updatedAt),
        });

  return (
    <article
      className={`doc-section${dirty ? " doc-section--dirty" : ""}`}
      id={sectionAnchor(code)}
      data-section={code}
      aria-labelledby={headingId}
    >
      <header className="doc-section__header">
        <h3 className="doc-section__title" id={headingId}>
          {title}
        </h3>
        {section.required ? <span className="status-badge status-badge--neutral">{t("document.required")}</span> : null}
        <span className="doc-section__meta" data-testid="last-edit">
          {lastEdit}
        </span>
      </header>
      {guidance ? (
        <p className="form__hint" id={guidanceId}>
          {guidance}
        </p>
      ) : null}

      {editable ? (
        <div className="doc-section__editor">
          <textarea
            className="doc-section__text"
            aria-labelledby={headingId}
            aria-describedby={[guidance ? guidanceId : null, counterId].filter(Boolean).join(" ")}
            value={draft}
            maxLength={MAX_SECTION_BODY_LENGTH}
            rows={Math.min(16, Math.max(4, draft.split("\n").length + 1))}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="doc-section__actions">
            <span id={counterId} className="form__hint" data-testid="counter">
              {t("document.counter", {
                count: NUMBER.format(draft.length),
                max: NUMBER.format(MAX_SECTION_BODY_LENGTH),
              })}
            </span>
            {dirty ? <span className="doc-section__dirty">{t("document.unsaved")}</span> : null}
            <button
              type="button"
              className="button"
              disabled={busy || !textDirty || draft.length > MAX_SECTION_BODY_LENGTH || conflict !== null}
              onClick={() => void write("TEXT", expectedVersionOf(base))}
            >
              {busy ? t("document.saving") : t("document.save")}
            </button>
            {dirty ? (
              <button type="button" className="button button--secondary" disabled={busy} onClick={discard}>
                {t("document.discard")}
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="doc-section__body" data-testid="section-body">
          {base.body === "" ? <span className="lead">{t("document.empty")}</span> : base.body}
        </div>
      )}

      {isMethod ? (
        editable ? (
          <LinksEditor
            catalogue={catalogue}
            links={draftLinks}
            dirty={linksDirty}
            busy={busy || conflict !== null}
            onChange={setDraftLinks}
            onSave={() => void write("LINKS", expectedVersionOf(base))}
          />
        ) : (
          <LinksList catalogue={catalogue} links={base.links} />
        )
      ) : null}
      {evidence}

      {conflict ? (
        <div className="doc-conflict" role="alert" data-testid="conflict">
          <p>
            {t(conflict.kind === "TEXT" ? "document.conflict.text" : "document.conflict.links", {
              name: conflict.current.updatedBy?.displayName ?? t("document.someone"),
              time: conflict.current.updatedAt === null ? "—" : formatBeijingTime(conflict.current.updatedAt),
            })}
          </p>
          {conflict.kind === "TEXT" ? (
            <figure className="doc-conflict__theirs">
              <figcaption>{t("document.conflict.theirs")}</figcaption>
              <blockquote data-testid="their-text">
                {conflict.current.body === "" ? t("document.empty") : conflict.current.body}
              </blockquote>
            </figure>
          ) : (
            <figure className="doc-conflict__theirs">
              <figcaption>{t("document.conflict.theirLinks")}</figcaption>
              <ul data-testid="their-links">
                {conflict.current.links.length === 0 ? <li>{t("document.links.none")}</li> : null}
                {conflict.current.links.map((link) => (
                  <li key={`${link.metricId}|${link.productSpecId ?? ""}`}>{linkLabel(link)}</li>
                ))}
              </ul>
            </figure>
          )}
          <div className="doc-section__actions">
            <button type="button" className="button" disabled={busy} onClick={keepMine}>
              {t("document.conflict.keepMine")}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={takeTheirs}>
              {t("document.conflict.takeTheirs")}
            </button>
          </div>
        </div>
      ) : null}

      {notice?.tone === "error" ? (
        <p className="error-text" role="alert">
          {notice.text}
        </p>
      ) : null}
      <p className="doc-section__saved" role="status">
        {notice?.tone === "success" ? notice.text : ""}
      </p>
    </article>
  );
}
