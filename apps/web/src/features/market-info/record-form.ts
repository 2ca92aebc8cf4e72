// The report form's model: which payload fields each type shows (the domain's schemas,
// MARKET_INFO_PAYLOAD_SCHEMAS, decide what is valid; the same check runs here before a
// send and on the server), and the payload built from what was typed.
import {
  ECONOMY_TOPIC_LABELS,
  ECONOMY_TOPICS,
  INFO_FIELDS_BY_TYPE,
  MEDIA_KIND_LABELS,
  MEDIA_KINDS,
  POLICY_IMPACT_LABELS,
  POLICY_IMPACTS,
  type BilingualLabel,
  type MarketInfoType,
} from "@pyramid/domain";

export interface PayloadField {
  readonly key: string;
  readonly kind: "text" | "textarea" | "amount" | "date" | "int" | "select";
  readonly required?: boolean;
  /** An amount of money (元, two places): shown with thousands separators. */
  readonly money?: boolean;
  readonly options?: readonly { readonly value: string; readonly label: BilingualLabel }[];
}

const options = <T extends string>(values: readonly T[], labels: Readonly<Record<T, BilingualLabel>>) =>
  values.map((value) => ({ value, label: labels[value] }));

const sales: readonly PayloadField[] = [
  { key: "amount", kind: "amount", money: true },
  { key: "volume", kind: "amount" },
  { key: "volumeUnit", kind: "text" },
];

export const PAYLOAD_FIELDS: Readonly<Record<MarketInfoType, readonly PayloadField[]>> = {
  OWN_SALES: [...sales, { key: "terminalDevelopments", kind: "textarea" }, { key: "note", kind: "textarea" }],
  COMPETITOR_SALES: [
    { key: "competitorProduct", kind: "text" },
    ...sales,
    { key: "retailPrice", kind: "amount", money: true },
    { key: "note", kind: "textarea" },
  ],
  COMPETITOR_PROMOTION: [
    { key: "competitorProduct", kind: "text" },
    { key: "promotionType", kind: "text", required: true },
    { key: "details", kind: "textarea", required: true },
    { key: "startsOn", kind: "date" },
    { key: "endsOn", kind: "date" },
    { key: "estimatedSpend", kind: "amount", money: true },
  ],
  DISTRIBUTOR_SALES: [
    { key: "distributorName", kind: "text", required: true },
    { key: "ownAmount", kind: "amount", money: true },
    { key: "ownVolume", kind: "amount" },
    { key: "competitorAmount", kind: "amount", money: true },
    { key: "competitorVolume", kind: "amount" },
    { key: "developments", kind: "textarea" },
  ],
  MEDIA_MONITORING: [
    { key: "brand", kind: "text", required: true },
    { key: "medium", kind: "select", required: true, options: options(MEDIA_KINDS, MEDIA_KIND_LABELS) },
    { key: "outlet", kind: "text" },
    { key: "placements", kind: "int" },
    { key: "spend", kind: "amount", money: true },
    { key: "note", kind: "textarea" },
  ],
  LOCAL_POLICY: [
    { key: "issuer", kind: "text", required: true },
    { key: "summary", kind: "textarea", required: true },
    { key: "effectiveOn", kind: "date" },
    { key: "impact", kind: "select", required: true, options: options(POLICY_IMPACTS, POLICY_IMPACT_LABELS) },
  ],
  ECONOMY: [
    { key: "topic", kind: "select", required: true, options: options(ECONOMY_TOPICS, ECONOMY_TOPIC_LABELS) },
    { key: "indicator", kind: "text" },
    { key: "value", kind: "amount" },
    { key: "valueUnit", kind: "text" },
    { key: "summary", kind: "textarea", required: true },
  ],
};

/** The payload from the typed values: blanks left out, whole numbers for int fields (as typed otherwise: the domain parses amounts). */
export function payloadOf(type: MarketInfoType, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of PAYLOAD_FIELDS[type]) {
    const value = (values[field.key] ?? "").trim();
    if (value === "") continue;
    payload[field.key] = field.kind === "int" && /^\d+$/.test(value) ? Number(value) : value;
  }
  return payload;
}

/** The typed values of a stored payload (for editing). */
export function valuesOf(payloadJson: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(payloadJson);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
  } catch {
    return {};
  }
}

/** Which structured fields the form shows for the type. */
export function structuredFieldsOf(type: MarketInfoType) {
  return INFO_FIELDS_BY_TYPE[type];
}
