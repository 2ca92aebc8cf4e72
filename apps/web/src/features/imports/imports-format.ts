// Counts on the Import page: whole numbers with thousands separators (docs/UI.md "Numbers").

/** 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
