// 计划周期 / Cycles (HQ administrators, `/cycles?manage=FY2028`): the cycles with their status
// and progress across the pyramid; open a new one (template, deadlines); for the one managed:
// move its status one step (asked once), its check settings and deadlines, its template
// sections (add, reorder, remove), and the provinces' guidance. The server decides; refusals
// are shown as the error's sentence.
import { useMutation, useQuery } from "@apollo/client/react";
import { CYCLE_STATUS_STEPS, ORG_LEVEL_LABELS, type CycleStatusCode } from "@pyramid/domain";
import { useId, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { errorSentence } from "../../app/error-messages.js";
import { formatDay, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { isHqAdmin, useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { Dialog } from "../../components/Dialog.js";
import { ForbiddenPage, PageError, TableSkeleton } from "../../components/PageStates.js";
import "../review/review.css";
import type { CyclesAdminQuery, OrgLevel } from "../../graphql/generated/graphql.js";
import {
  ADD_SECTION_MUTATION,
  CYCLES_ADMIN_QUERY,
  OPEN_CYCLE_MUTATION,
  PROVINCES_GUIDANCE_QUERY,
  REMOVE_SECTION_MUTATION,
  REORDER_SECTIONS_MUTATION,
  SET_CYCLE_STATUS_MUTATION,
  SET_GUIDANCE_MUTATION,
  UPDATE_CYCLE_MUTATION,
} from "./cycles-documents.js";

type Cycle = CyclesAdminQuery["cycles"][number];
const LEVELS: readonly OrgLevel[] = ["COUNTY", "CITY", "PROVINCE", "HQ"];
const REFETCH = { refetchQueries: [CYCLES_ADMIN_QUERY], awaitRefetchQueries: true };

/** The refusal's sentence, or null. */
function useProblem() {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    clear: () => setProblem(null),
    show: (error: unknown) => {
      const sentence = errorSentence(error);
      setProblem(t(sentence.key, sentence.params));
    },
  };
}

function Problem({ text }: { readonly text: string | null }) {
  return text ? (
    <p className="error-text" role="alert">
      {text}
    </p>
  ) : null;
}

export function CyclesRoute() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const { data, error, refetch } = useQuery(CYCLES_ADMIN_QUERY, { skip: !isHqAdmin(viewer) });
  if (!isHqAdmin(viewer)) return <ForbiddenPage />;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const managed = data.cycles.find((cycle) => cycle.code === params.get("manage")) ?? null;
  const hqCode = viewer.roleAssignments.find((assignment) => assignment.role === "HQ_ADMIN")?.orgUnit.code ?? "";
  return (
    <div className="page-stack">
      <Card title={t("cycles.title")}>
        <p className="lead">{t("cycles.lead")}</p>
        <table className="data-table" data-testid="cycles-table">
          <thead>
            <tr>
              <th scope="col">{t("cycles.code")}</th>
              <th scope="col">{t("cycles.name")}</th>
              <th scope="col">{t("cycles.status")}</th>
              <th scope="col">{t("cycles.open.opensOn")}</th>
              <th scope="col">{t("cycles.progress")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.cycles.map((cycle) => (
              <tr key={cycle.id} data-testid="cycle-row" data-code={cycle.code}>
                <th scope="row">{cycle.code}</th>
                <td>{locale === "zh-CN" ? cycle.nameZh : cycle.nameEn}</td>
                <td>{t(`cycles.status.${cycle.status}`)}</td>
                <td>
                  {t("cycles.period", { opens: formatDay(cycle.opensOn, locale), closes: formatDay(cycle.closesOn, locale) })}
                </td>
                <td>{t("cycles.progress.plans", { count: cycle.progress.reduce((sum, line) => sum + line.plans, 0) })}</td>
                <td>
                  <button type="button" className="button" onClick={() => setParams({ manage: cycle.code })}>
                    {t("cycles.manage")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <OpenCycleForm
        year={Math.max(new Date().getUTCFullYear(), ...data.cycles.map((cycle) => cycle.year)) + 1}
        onOpened={(code) => setParams({ manage: code })}
      />
      {managed ? <CycleDetail key={managed.id} cycle={managed} hqCode={hqCode} /> : null}
    </div>
  );
}

/** `year`: the year proposed, after the newest cycle's. */
function OpenCycleForm({ year: nextYear, onOpened }: { readonly year: number; readonly onOpened: (code: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState({
    code: `FY${nextYear}`,
    year: String(nextYear),
    nameZh: `${nextYear}年度营销方案`,
    nameEn: `${nextYear} annual marketing plan`,
    opensOn: `${nextYear - 1}-11-15`,
    closesOn: `${nextYear}-01-10`,
    template: "STANDARD" as "STANDARD" | "PREVIOUS_CYCLE",
    deadlines: {
      COUNTY: `${nextYear - 1}-12-10`,
      CITY: `${nextYear - 1}-12-20`,
      PROVINCE: `${nextYear - 1}-12-28`,
      HQ: `${nextYear}-01-08`,
    } as Record<string, string>,
  });
  const [done, setDone] = useState<string | null>(null);
  const { problem, show, clear } = useProblem();
  const [open, { loading }] = useMutation(OPEN_CYCLE_MUTATION, REFETCH);
  const field = (name: "code" | "year" | "nameZh" | "nameEn" | "opensOn" | "closesOn", label: string, type = "text") => (
    <label htmlFor={`${id}-${name}`}>
      {label}
      <input
        id={`${id}-${name}`}
        type={type}
        value={form[name]}
        onChange={(event) => setForm((previous) => ({ ...previous, [name]: event.target.value }))}
      />
    </label>
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(null);
    try {
      const { data } = await open({
        variables: {
          input: {
            code: form.code.trim(),
            year: Number(form.year),
            nameZh: form.nameZh,
            nameEn: form.nameEn,
            opensOn: form.opensOn,
            closesOn: form.closesOn,
            template: form.template,
            deadlines: LEVELS.filter((level) => form.deadlines[level]).map((level) => ({ level, dueOn: form.deadlines[level]! })),
          },
        },
      });
      if (data) {
        setDone(t("cycles.open.done", { code: data.openCycle.cycle.code, plans: data.openCycle.plansCreated }));
        onOpened(data.openCycle.cycle.code);
      }
    } catch (caught) {
      show(caught);
    }
  }

  return (
    <Card title={t("cycles.open.title")}>
      <form className="form-grid" onSubmit={(event) => void onSubmit(event)} aria-label={t("cycles.open.title")}>
        {field("code", t("cycles.code"))}
        {field("year", t("cycles.year"), "number")}
        {field("nameZh", t("cycles.open.nameZh"))}
        {field("nameEn", t("cycles.open.nameEn"))}
        {field("opensOn", t("cycles.open.opensOn"), "date")}
        {field("closesOn", t("cycles.open.closesOn"), "date")}
        <div>
          <label htmlFor={`${id}-template`}>{t("cycles.open.template")}</label>
          <select
            id={`${id}-template`}
            value={form.template}
            onChange={(event) => setForm((previous) => ({ ...previous, template: event.target.value as typeof form.template }))}
          >
            <option value="STANDARD">{t("cycles.open.template.STANDARD")}</option>
            <option value="PREVIOUS_CYCLE">{t("cycles.open.template.PREVIOUS_CYCLE")}</option>
          </select>
        </div>
        {LEVELS.map((level) => (
          <DeadlineField
            key={level}
            level={level}
            value={form.deadlines[level] ?? ""}
            onChange={(value) => setForm((previous) => ({ ...previous, deadlines: { ...previous.deadlines, [level]: value } }))}
          />
        ))}
        <button type="submit" className="button" disabled={loading}>
          {t("cycles.open.submit")}
        </button>
      </form>
      <Problem text={problem} />
      {done ? (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
    </Card>
  );
}

function DeadlineField({
  level,
  value,
  onChange,
}: {
  readonly level: OrgLevel;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const label = locale === "zh-CN" ? ORG_LEVEL_LABELS[level].zh : ORG_LEVEL_LABELS[level].en;
  return (
    <label htmlFor={id}>
      {`${t("cycles.deadlines")} · ${label}`}
      <input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}

function CycleDetail({ cycle, hqCode }: { readonly cycle: Cycle; readonly hqCode: string }) {
  const { t, locale } = useI18n();
  const { problem, show, clear } = useProblem();
  const [saved, setSaved] = useState(false);
  const [asking, setAsking] = useState<CycleStatusCode | null>(null);
  const [settings, setSettings] = useState({
    growthBandMin: cycle.settings.growthBandMin,
    growthBandMax: cycle.settings.growthBandMax,
    implausibleFactor: cycle.settings.implausibleFactor,
    minTerminalRank: String(cycle.settings.minTerminalRank),
  });
  const [deadlines, setDeadlines] = useState<Record<string, string>>(
    Object.fromEntries(cycle.deadlines.map((deadline) => [deadline.level, deadline.dueOn])),
  );
  const [section, setSection] = useState({
    code: "",
    part: "METHODS" as "ENVIRONMENT" | "GOALS" | "METHODS",
    titleZh: "",
    titleEn: "",
  });
  const [update] = useMutation(UPDATE_CYCLE_MUTATION, REFETCH);
  const [setStatus] = useMutation(SET_CYCLE_STATUS_MUTATION, REFETCH);
  const [add] = useMutation(ADD_SECTION_MUTATION, REFETCH);
  const [remove] = useMutation(REMOVE_SECTION_MUTATION, REFETCH);
  const [reorder] = useMutation(REORDER_SECTIONS_MUTATION, REFETCH);
  const ids = useId();
  const templateEditable = cycle.status === "PREPARING" || cycle.status === "OPEN";
  const attempt = async (work: () => Promise<unknown>) => {
    clear();
    setSaved(false);
    try {
      await work();
      setSaved(true);
    } catch (caught) {
      show(caught);
    }
  };
  const codes = cycle.templateSections.map((entry) => entry.code);
  const move = (index: number, by: -1 | 1) => {
    const next = [...codes];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    return attempt(() => reorder({ variables: { input: { cycleId: cycle.id, codes: next } } }));
  };

  return (
    <Card title={`${cycle.code} · ${t(`cycles.status.${cycle.status}`)}`}>
      <Problem text={problem} />
      {saved ? (
        <p className="notice notice--success" role="status">
          {t("cycles.saved")}
        </p>
      ) : null}
      <div className="form-actions">
        {CYCLE_STATUS_STEPS[cycle.status].map((next) => (
          <button key={next} type="button" className="button" onClick={() => setAsking(next)}>
            {t("cycles.statusStep", { status: t(`cycles.status.${next}`) })}
          </button>
        ))}
      </div>
      {asking ? (
        <Dialog
          title={t("cycles.statusStep", { status: t(`cycles.status.${asking}`) })}
          onClose={() => setAsking(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setAsking(null)}>
                {t("review.split.cancel")}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  const status = asking;
                  setAsking(null);
                  void attempt(() => setStatus({ variables: { input: { cycleId: cycle.id, status } } }));
                }}
              >
                {t("cycles.statusStep", { status: t(`cycles.status.${asking}`) })}
              </button>
            </>
          }
        >
          <p>{t("cycles.statusConfirm", { from: t(`cycles.status.${cycle.status}`), to: t(`cycles.status.${asking}`) })}</p>
        </Dialog>
      ) : null}

      <h3>{t("cycles.progress")}</h3>
      <table className="data-table" data-testid="cycle-progress">
        <thead>
          <tr>
            <th scope="col">{t("cycles.progress.level")}</th>
            <th scope="col">{t("cycles.status")}</th>
            <th scope="col">{t("cycles.progress.plans", { count: "" }).trim()}</th>
          </tr>
        </thead>
        <tbody>
          {cycle.progress.map((line) => (
            <tr key={`${line.level}-${line.status}`}>
              <th scope="row">{locale === "zh-CN" ? ORG_LEVEL_LABELS[line.level].zh : ORG_LEVEL_LABELS[line.level].en}</th>
              <td>{t(`plan.status.${line.status}`)}</td>
              <td className="number">{line.stale > 0 ? `${line.plans} (${t("plan.stale")} ${line.stale})` : line.plans}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t("cycles.settings")}</h3>
      <form
        className="form-grid"
        aria-label={t("cycles.settings")}
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(() =>
            update({
              variables: {
                input: {
                  cycleId: cycle.id,
                  settings: {
                    growthBandMin: settings.growthBandMin,
                    growthBandMax: settings.growthBandMax,
                    implausibleFactor: settings.implausibleFactor,
                    minTerminalRank: Number(settings.minTerminalRank),
                    checkConfig: cycle.settings.checkConfig,
                  },
                  deadlines: LEVELS.filter((level) => deadlines[level]).map((level) => ({ level, dueOn: deadlines[level]! })),
                },
              },
            }),
          );
        }}
      >
        {(["growthBandMin", "growthBandMax", "implausibleFactor", "minTerminalRank"] as const).map((name) => (
          <label key={name} htmlFor={`${ids}-${name}`}>
            {t(`cycles.${name}`)}
            <input
              id={`${ids}-${name}`}
              value={settings[name]}
              inputMode="decimal"
              onChange={(event) => setSettings((previous) => ({ ...previous, [name]: event.target.value }))}
            />
          </label>
        ))}
        {LEVELS.map((level) => (
          <DeadlineField
            key={level}
            level={level}
            value={deadlines[level] ?? ""}
            onChange={(value) => setDeadlines((previous) => ({ ...previous, [level]: value }))}
          />
        ))}
        <button type="submit" className="button">
          {t("cycles.save")}
        </button>
      </form>

      <h3>{t("cycles.template")}</h3>
      {!templateEditable ? <p className="notice">{t("cycles.section.locked")}</p> : null}
      <table className="data-table" data-testid="template-sections">
        <thead>
          <tr>
            <th scope="col">{t("cycles.section.code")}</th>
            <th scope="col">{t("cycles.section.title")}</th>
            <th scope="col">{t("cycles.section.required")}</th>
            <th scope="col">{t("cycles.section.withText")}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {cycle.templateSections.map((entry, index) => (
            <tr key={entry.code} data-testid="template-section" data-code={entry.code}>
              <th scope="row">{entry.code}</th>
              <td>{locale === "zh-CN" ? entry.titleZh : entry.titleEn}</td>
              <td>{entry.required ? t("cycles.yes") : t("cycles.no")}</td>
              <td className="number">{entry.plansWithText}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  disabled={!templateEditable || index === 0}
                  onClick={() => void move(index, -1)}
                >
                  {t("cycles.section.up")}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={!templateEditable || index === codes.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  {t("cycles.section.down")}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={!templateEditable || entry.plansWithText > 0}
                  onClick={() => void attempt(() => remove({ variables: { input: { cycleId: cycle.id, code: entry.code } } }))}
                >
                  {t("cycles.section.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {templateEditable ? (
        <form
          className="form-grid"
          aria-label={t("cycles.section.add")}
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(() =>
              add({
                variables: { input: { cycleId: cycle.id, section: { ...section, code: section.code.trim(), required: false } } },
              }),
            );
          }}
        >
          {(["code", "titleZh", "titleEn"] as const).map((name) => (
            <label key={name} htmlFor={`${ids}-section-${name}`}>
              {name === "code" ? t("cycles.section.code") : t(`cycles.section.${name}`)}
              <input
                id={`${ids}-section-${name}`}
                value={section[name]}
                onChange={(event) => setSection((previous) => ({ ...previous, [name]: event.target.value }))}
              />
            </label>
          ))}
          <label htmlFor={`${ids}-section-part`}>
            {t("cycles.section.part")}
            <select
              id={`${ids}-section-part`}
              value={section.part}
              onChange={(event) => setSection((previous) => ({ ...previous, part: event.target.value as typeof section.part }))}
            >
              <option value="ENVIRONMENT">A</option>
              <option value="GOALS">B</option>
              <option value="METHODS">C</option>
            </select>
          </label>
          <button type="submit" className="button">
            {t("cycles.section.add")}
          </button>
        </form>
      ) : null}
      {hqCode ? <ProvincesGuidance hqCode={hqCode} year={cycle.year} /> : null}
    </Card>
  );
}

function ProvincesGuidance({ hqCode, year }: { readonly hqCode: string; readonly year: number }) {
  const { t, locale } = useI18n();
  const { data, error, refetch } = useQuery(PROVINCES_GUIDANCE_QUERY, { variables: { unitCode: hqCode, year } });
  const [values, setValues] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { problem, show, clear } = useProblem();
  const [setGuidance] = useMutation(SET_GUIDANCE_MUTATION);
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const metricId = data.reviewBoard.reconciliation.find((line) => line.metricCode === "SALES_REVENUE")?.metricId ?? "";
  return (
    <>
      <h3>{t("cycles.guidance")}</h3>
      <Problem text={problem} />
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      <table className="data-table" data-testid="provinces-guidance">
        <thead>
          <tr>
            <th scope="col">{t("review.column.unit")}</th>
            <th scope="col">{t("review.column.sales")}</th>
            <th scope="col">{t("review.column.guidance")}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {data.reviewBoard.children.map((row) => {
            const name = locale === "zh-CN" ? row.unit.nameZh : row.unit.nameEn;
            return (
              <tr key={row.unit.id} data-testid="province-guidance" data-unit={row.unit.code}>
                <th scope="row">{name}</th>
                <td className="number">{formatYuan(row.sales)}</td>
                <td>
                  <input
                    aria-label={`${t("review.column.guidance")} ${name}`}
                    inputMode="decimal"
                    value={values[row.unit.code] ?? (row.salesGuidance === null ? "" : formatYuan(row.salesGuidance))}
                    onChange={(event) => setValues((previous) => ({ ...previous, [row.unit.code]: event.target.value }))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      clear();
                      setNotice(null);
                      const value = (values[row.unit.code] ?? "").trim();
                      if (!value) return;
                      setGuidance({ variables: { input: { unitCode: row.unit.code, year, metricId, value } } })
                        .then(({ data: answer }) => {
                          if (answer)
                            setNotice(
                              t("cycles.guidance.saved", { unit: name, value: formatYuan(answer.setGuidance.guidance.value) }),
                            );
                          return refetch();
                        })
                        .catch(show);
                    }}
                  >
                    {t("cycles.guidance.set")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
