// The export routes' query string, parsed before any work.
import { z } from "zod";

export const EXPORT_BASES = ["APPROVED", "LATEST"] as const;
export type ExportBasis = (typeof EXPORT_BASES)[number];
export const EXPORT_LOCALES = ["zh-CN", "en"] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuerySchema = z.object({
  cycle: z.string().trim().min(1).max(64),
  unit: z.string().trim().min(1).max(64),
  /** APPROVED (default): each plan's latest approved version; LATEST: the live lines. */
  basis: z.enum(EXPORT_BASES).default("APPROVED"),
  locale: z.enum(EXPORT_LOCALES).default("zh-CN"),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;
