import { Fixed } from "@pyramid/domain";
import { formatUnits } from "../grid/index.js";

/** An exact decimal from the API ("1234.5") as the grid shows it at the metric's scale ("1,234.50"). */
export function formatAmount(value: string, scale: number): string {
  return formatUnits(Fixed.parse(value, scale).units, scale);
}
