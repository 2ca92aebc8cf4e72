// The overview's two charts, on Recharts, in their own chunk (OverviewTab loads
// this module lazily, so Recharts never weighs on the first page). Values reach
// the charts as exact text and become numbers only for the geometry; the tooltips
// show the exact text through app/format.ts. Each chart sits in a role="img"
// element with a summary, and OverviewTab gives its table beside it.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatPercent, formatWan, formatYuan } from "../../../app/format.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { GrowthBandStatus } from "../../../graphql/generated/graphql.js";
import { monthLabel, type MonthPoint, type SpecGrowth } from "./overview-model.js";

const COLOURS = {
  target: "#c8102e",
  lastYear: "#1f2329",
  yearBefore: "#8a919c",
  estimate: "#fff4e0",
  below: "#c0262d",
  above: "#a15c00",
  within: "#1a7f4b",
  none: "#8a919c",
} as const;

const BAND_COLOUR: Readonly<Record<GrowthBandStatus, string>> = {
  BELOW_LAST_YEAR: COLOURS.below,
  ABOVE_BAND: COLOURS.above,
  WITHIN: COLOURS.within,
  NO_HISTORY: COLOURS.none,
};

const HEIGHT = 280;

/** Chart geometry only: exact text → a number the axes can place. */
const toNumber = (text: string | null): number | null => (text === null ? null : Number(text));

/** An axis tick (a number Recharts chose) in 万元. */
function wanTick(value: number): string {
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? formatWan(value.toFixed(2)) : "";
}

type SeriesKey = "target" | "lastYear" | "yearBefore";

export function MonthlyChart({ points }: { readonly points: readonly MonthPoint[] }) {
  const { locale, t } = useI18n();
  const data = points.map((point) => ({
    label: monthLabel(point.month, locale),
    target: toNumber(point.target),
    lastYear: toNumber(point.lastYear),
    yearBefore: toNumber(point.yearBefore),
    text: { target: point.target, lastYear: point.lastYear, yearBefore: point.yearBefore },
    estimated: point.lastYearEstimated && point.lastYear !== null,
  }));
  const estimated = data.filter((point) => point.estimated);
  const first = estimated[0];
  const last = estimated[estimated.length - 1];
  const names: Readonly<Record<SeriesKey, string>> = {
    target: t("grid.series.TARGET"),
    lastYear: t("grid.series.LAST_YEAR"),
    yearBefore: t("grid.series.YEAR_BEFORE"),
  };
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <ComposedChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e4e7ec" vertical={false} />
        {first && last ? (
          <ReferenceArea
            x1={first.label}
            x2={last.label}
            fill={COLOURS.estimate}
            fillOpacity={0.9}
            label={{ value: t("grid.estimate"), position: "insideTop", fill: COLOURS.above }}
          />
        ) : null}
        <XAxis dataKey="label" tickLine={false} />
        <YAxis tickFormatter={wanTick} width={72} />
        <Tooltip
          formatter={(_value, name, item) => {
            const key = (Object.keys(names) as SeriesKey[]).find((candidate) => names[candidate] === name);
            const text = key ? (item.payload as (typeof data)[number]).text[key] : null;
            const mark =
              key === "lastYear" && (item.payload as (typeof data)[number]).estimated ? ` (${t("grid.estimate")})` : "";
            return text === null || text === undefined ? "—" : `${formatYuan(text)}${mark}`;
          }}
        />
        <Legend />
        <Bar dataKey="target" name={names.target} fill={COLOURS.target} isAnimationActive={false} />
        <Line
          dataKey="lastYear"
          name={names.lastYear}
          stroke={COLOURS.lastYear}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
          dot={(props: { cx?: number; cy?: number; index?: number }) => {
            const point = props.index === undefined ? undefined : data[props.index];
            if (props.cx === undefined || props.cy === undefined || point?.lastYear === null) return <g key={props.index} />;
            // Estimated months: a hollow dot.
            return (
              <circle
                key={props.index}
                cx={props.cx}
                cy={props.cy}
                r={4}
                stroke={COLOURS.lastYear}
                strokeWidth={2}
                fill={point?.estimated ? "#fff" : COLOURS.lastYear}
              />
            );
          }}
        />
        <Line
          dataKey="yearBefore"
          name={names.yearBefore}
          stroke={COLOURS.yearBefore}
          strokeDasharray="5 4"
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function SpecGrowthChart({
  specs,
  band,
}: {
  readonly specs: readonly SpecGrowth[];
  readonly band: { readonly min: string; readonly max: string };
}) {
  const { locale, t } = useI18n();
  const data = specs
    .filter((spec) => spec.growth !== null)
    .map((spec) => ({
      name: locale === "en" ? spec.nameEn : spec.nameZh,
      // Percent, for the geometry.
      growth: Number(spec.growth) * 100,
      text: spec.growth,
      band: spec.band ?? "NO_HISTORY",
    }));
  // One bar per spec, side by side down the chart: long spec names stay readable.
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 36 * data.length + 56)}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 24, right: 24, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e4e7ec" horizontal={false} />
        <XAxis type="number" tickFormatter={(value: number) => `${value}%`} />
        <YAxis type="category" dataKey="name" width={180} tickLine={false} interval={0} />
        <ReferenceLine x={0} stroke="#646a73" />
        <ReferenceLine
          x={Number(band.min) * 100}
          stroke={COLOURS.below}
          strokeDasharray="4 4"
          label={{ value: t("overview.bandMin", { percent: formatPercent(band.min) }), position: "top", fill: COLOURS.below }}
        />
        <ReferenceLine
          x={Number(band.max) * 100}
          stroke={COLOURS.above}
          strokeDasharray="4 4"
          label={{ value: t("overview.bandMax", { percent: formatPercent(band.max) }), position: "top", fill: COLOURS.above }}
        />
        <Tooltip
          formatter={(_value, _name, item) => {
            const point = item.payload as (typeof data)[number];
            return [
              `${point.text === null ? "—" : formatPercent(point.text)} · ${t(`overview.band.${point.band}`)}`,
              t("grid.series.GROWTH"),
            ];
          }}
        />
        <Bar dataKey="growth" name={t("grid.series.GROWTH")} isAnimationActive={false} barSize={20}>
          {data.map((point, index) => (
            <Cell key={index} fill={BAND_COLOUR[point.band]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
