// What the app has loaded before any grid: React, the i18n provider and the
// domain functions and formatting the grid uses. TargetsGrid's own cost is its
// size over this entry.
import { aggregateUnits, checkGrowthBand, money, parseAmount, periodLabel, YEAR_PERIOD } from "@pyramid/domain";
import { formatYuan } from "../../../src/app/format.js";
import { I18nProvider } from "../../../src/app/i18n/I18nProvider.js";
import { measureRender } from "../measure.js";

const parsed = parseAmount("1,234.50", { scale: 2 });
const text = [
  parsed.ok ? formatYuan(parsed.value.toString()) : "",
  String(aggregateUnits([1n, 2n], "SUM")),
  checkGrowthBand(money("2"), money("1"), { minGrowth: "0", maxGrowth: "0.3" }).status,
  periodLabel(YEAR_PERIOD, "zh-CN"),
].join(" ");

measureRender(
  <I18nProvider>
    <p>{text}</p>
  </I18nProvider>,
  (root) => root.querySelector("p") !== null,
);
