// The dashboard's three charts, on Recharts, in their own chunk (DashboardRoute loads this
// module lazily). Values arrive as exact text and become numbers only for the geometry; the
// tooltips show the exact text through app/format.ts. Each chart sits in a role="img" element
// with a summary, and the route gives its data table beside it.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatPercent, formatWan, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";

const COLOURS = {
  target: "#8a919c",
  actual: "#c8102e",
  cumulativeTarget: "#1f2329",
  straight: "#8a919c",
  above: "#1a7f4b",
  floor: "#a15c00",
  below: "#c0262d",
} as const;

const toNumber = (text: string | null): number | null => (text === null ? null : Number(text));

function wanTick(value: number): string {
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? formatWan(value.toFixed(2)) : "";
}

export interface ChildBar {
  readonly code: string;
  readonly name: string;
  readonly rate: string | null;
}

/** Completion by child, best first, with the 85 % and 100 % lines; a click opens the child's dashboard. */
export function CompletionChart({
  bars,
  onOpen,
}: {
  readonly bars: readonly ChildBar[];
  readonly onOpen: (code: string) => void;
}) {
  const { t } = useI18n();
  const data = bars.map((bar) => ({ ...bar, percent: bar.rate === null ? 0 : Number(bar.rate) * 100 }));
  const colour = (percent: number) => (percent >= 100 ? COLOURS.above : percent >= 85 ? COLOURS.floor : COLOURS.below);
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 32 * data.length + 56)}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 24, right: 32, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e4e7ec" horizontal={false} />
        <XAxis
          type="number"
          domain={[0, (max: number) => Math.max(110, Math.ceil(max / 10) * 10)]}
          tickFormatter={(v: number) => `${v}%`}
        />
        <YAxis type="category" dataKey="name" width={150} tickLine={false} interval={0} />
        <ReferenceLine
          x={85}
          stroke={COLOURS.floor}
          strokeDasharray="4 4"
          label={{ value: t("dashboard.line85"), position: "top", fill: COLOURS.floor }}
        />
        <ReferenceLine
          x={100}
          stroke={COLOURS.above}
          strokeDasharray="4 4"
          label={{ value: t("dashboard.line100"), position: "top", fill: COLOURS.above }}
        />
        <Tooltip
          formatter={(_value, _name, item) => {
            const bar = item.payload as (typeof data)[number];
            return [bar.rate === null ? "—" : formatPercent(bar.rate), t("dashboard.series.rate")];
          }}
        />
        <Bar
          dataKey="percent"
          name={t("dashboard.series.rate")}
          isAnimationActive={false}
          barSize={18}
          cursor="pointer"
          onClick={(entry: { payload?: { code?: string } }) => {
            if (entry.payload?.code) onOpen(entry.payload.code);
          }}
        >
          {data.map((bar) => (
            <Cell key={bar.code} fill={colour(bar.percent)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface MonthPointText {
  readonly label: string;
  readonly target: string;
  readonly actual: string | null;
  readonly cumulativeTarget: string;
  readonly cumulativeActual: string | null;
  readonly straightLine: string;
}

type MonthKey = "target" | "actual" | "cumulativeTarget" | "cumulativeActual" | "straightLine";

/** Plan vs actual by month (bars) and the year-to-date pacing against the target's own curve (lines). */
export function MonthsChart({ points }: { readonly points: readonly MonthPointText[] }) {
  const { t } = useI18n();
  const data = points.map((point) => ({
    label: point.label,
    target: toNumber(point.target),
    actual: toNumber(point.actual),
    cumulativeTarget: toNumber(point.cumulativeTarget),
    cumulativeActual: toNumber(point.cumulativeActual),
    straightLine: toNumber(point.straightLine),
    text: point,
  }));
  const names: Readonly<Record<MonthKey, string>> = {
    target: t("dashboard.series.target"),
    actual: t("dashboard.series.actual"),
    cumulativeTarget: t("dashboard.series.cumulativeTarget"),
    cumulativeActual: t("dashboard.series.cumulativeActual"),
    straightLine: t("dashboard.series.straightLine"),
  };
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e4e7ec" vertical={false} />
        <XAxis dataKey="label" tickLine={false} />
        <YAxis yAxisId="month" tickFormatter={wanTick} width={72} />
        <YAxis yAxisId="cumulative" orientation="right" tickFormatter={wanTick} width={72} />
        <Tooltip
          formatter={(_value, name, item) => {
            const key = (Object.keys(names) as MonthKey[]).find((candidate) => names[candidate] === name);
            const text = key ? (item.payload as (typeof data)[number]).text[key] : null;
            return text === null || text === undefined ? "—" : formatYuan(text);
          }}
        />
        <Legend />
        <Bar yAxisId="month" dataKey="target" name={names.target} fill={COLOURS.target} isAnimationActive={false} />
        <Bar yAxisId="month" dataKey="actual" name={names.actual} fill={COLOURS.actual} isAnimationActive={false} />
        <Line
          yAxisId="cumulative"
          dataKey="cumulativeTarget"
          name={names.cumulativeTarget}
          stroke={COLOURS.cumulativeTarget}
          strokeWidth={2}
          isAnimationActive={false}
          dot={false}
        />
        <Line
          yAxisId="cumulative"
          dataKey="cumulativeActual"
          name={names.cumulativeActual}
          stroke={COLOURS.actual}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          yAxisId="cumulative"
          dataKey="straightLine"
          name={names.straightLine}
          stroke={COLOURS.straight}
          strokeDasharray="5 4"
          isAnimationActive={false}
          dot={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export interface ExpenseBar {
  readonly name: string;
  readonly budget: string;
  readonly actual: string;
}

/** Spending vs budget per category. */
export function ExpensesChart({ bars }: { readonly bars: readonly ExpenseBar[] }) {
  const { t } = useI18n();
  const data = bars.map((bar) => ({ name: bar.name, budget: Number(bar.budget), actual: Number(bar.actual), text: bar }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e4e7ec" vertical={false} />
        <XAxis dataKey="name" tickLine={false} interval={0} />
        <YAxis tickFormatter={wanTick} width={72} />
        <Tooltip
          formatter={(_value, name, item) => {
            const bar = (item.payload as (typeof data)[number]).text;
            return formatYuan(name === t("dashboard.series.budget") ? bar.budget : bar.actual);
          }}
        />
        <Legend />
        <Bar dataKey="budget" name={t("dashboard.series.budget")} fill={COLOURS.target} isAnimationActive={false} />
        <Bar dataKey="actual" name={t("dashboard.series.actual")} fill={COLOURS.actual} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
