// The plan workbench's Document tab (方案文本): the three parts (A 营销环境分析,
// B 营销目标, C 营销目标达成办法) with their sections, each edited and saved on
// its own with optimistic concurrency (SectionBlock). Read-only, saying why, when
// the plan is not editable. Unsaved text is guarded: the browser asks before the
// page is left (beforeunload), and the page is told through `isDirty`.
import { useApolloClient, useQuery } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Card } from "../../../components/Card.js";
import { PageError, TableSkeleton } from "../../../components/PageStates.js";
import { EvidencePanel } from "../../market-info/EvidencePanel.js";
import { PLAN_EVIDENCE_QUERY } from "../../market-info/market-info-documents.js";
import { PLAN_DOCUMENT_QUERY } from "./document-documents.js";
import { partHeading, patchSection, sectionAnchor, type SectionState } from "./document-model.js";
import { SectionBlock } from "./SectionBlock.js";
import "./document.css";

export interface DocumentTabProps {
  unitCode: string;
  year: number;
  /** Called with true when the tab starts holding unsaved text or links, and with false when it no longer does. */
  isDirty?: (dirty: boolean) => void;
}

/** Asks the browser to confirm leaving the page while `active`. */
function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}

/** The Document tab of the plan of `unitCode` in the cycle of `year`. */
export function DocumentTab({ unitCode, year, isDirty }: DocumentTabProps) {
  const { locale, t } = useI18n();
  const { hash } = useLocation();
  const client = useApolloClient();
  // Read afresh whenever the tab opens: someone else may have written since.
  const { data, error, refetch } = useQuery(PLAN_DOCUMENT_QUERY, {
    variables: { unitCode, year },
    fetchPolicy: "cache-and-network",
  });
  // The evidence (依据) of part A's sections, read on its own and never cached, so the document's own entry stays as it is.
  const evidence = useQuery(PLAN_EVIDENCE_QUERY, { variables: { unitCode, year }, fetchPolicy: "no-cache" });
  const evidenceOf = (code: string) =>
    evidence.data?.plan.documentParts.flatMap((part) => part.sections).find((section) => section.code === code)?.evidence ?? [];
  const [dirtyCodes, setDirtyCodes] = useState<ReadonlySet<string>>(() => new Set());
  const onDirtyChange = useCallback((code: string, dirty: boolean) => {
    setDirtyCodes((codes) => {
      if (codes.has(code) === dirty) return codes;
      const next = new Set(codes);
      if (dirty) next.add(code);
      else next.delete(code);
      return next;
    });
  }, []);
  const dirty = dirtyCodes.size > 0;

  const onServerState = useCallback(
    (code: string, state: SectionState) => {
      client.cache.updateQuery({ query: PLAN_DOCUMENT_QUERY, variables: { unitCode, year } }, (cached) => {
        if (!cached) return cached;
        const { metrics, productLines } = cached.plan.catalogue;
        const codes = {
          metricCode: (id: string) => metrics.find((metric) => metric.id === id)?.code ?? id,
          specCode: (id: string) => productLines.flatMap((line) => line.specs).find((spec) => spec.id === id)?.code ?? null,
        };
        return {
          plan: {
            ...cached.plan,
            documentParts: cached.plan.documentParts.map((part) => ({
              ...part,
              sections: part.sections.map((section) => (section.code === code ? patchSection(section, state, codes) : section)),
            })),
          },
        };
      });
    },
    [client, unitCode, year],
  );
  useLeaveWarning(dirty);

  const reported = useRef(false);
  const isDirtyRef = useRef(isDirty);
  isDirtyRef.current = isDirty;
  useEffect(() => {
    if (reported.current === dirty) return;
    reported.current = dirty;
    isDirtyRef.current?.(dirty);
  }, [dirty]);

  // A link to a section (#section-CODE, from an overview finding) shows it once the document is there.
  const loaded = data !== undefined;
  useEffect(() => {
    if (!loaded || hash === "") return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView?.({ block: "start" });
  }, [loaded, hash]);

  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const { plan } = data;
  const en = locale === "en";

  return (
    <div className="page-stack plan-document" data-testid="plan-document">
      <nav className="doc-toc" aria-label={t("document.toc")}>
        <ol>
          {plan.documentParts.map((part) => (
            <li key={part.part}>
              <span className="doc-toc__part">{partHeading(part.part, en ? part.titleEn : part.titleZh)}</span>
              <ol>
                {part.sections.map((section) => (
                  <li key={section.code}>
                    <a href={`#${sectionAnchor(section.code)}`}>{en ? section.titleEn : section.titleZh}</a>
                    {dirtyCodes.has(section.code) ? <span className="doc-toc__dirty"> · {t("document.unsaved")}</span> : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
      {plan.documentParts.map((part) => (
        <Card key={part.part} title={partHeading(part.part, en ? part.titleEn : part.titleZh)}>
          {part.sections.map((section) => (
            <SectionBlock
              key={section.code}
              planId={plan.id}
              section={section}
              editable={plan.editable}
              catalogue={plan.catalogue}
              onDirtyChange={onDirtyChange}
              onServerState={onServerState}
              evidence={
                section.part === "ENVIRONMENT" && evidence.data ? (
                  <EvidencePanel
                    planId={plan.id}
                    unitCode={unitCode}
                    sectionCode={section.code}
                    editable={plan.editable}
                    rows={evidenceOf(section.code)}
                    onChanged={() => void evidence.refetch().catch(() => undefined)}
                  />
                ) : null
              }
            />
          ))}
        </Card>
      ))}
    </div>
  );
}
