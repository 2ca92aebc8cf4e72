// The workbench's arguments, parsed with zod before any work: a bad argument is one
// VALIDATION_FAILED naming the field, and nothing is read.
import { z } from "zod";
import { DomainError } from "../../errors.js";

/** The most cells one page of `targetCells` returns. */
export const TARGET_CELL_PAGE_MAX = 2_000;
/** The most expansions (spec × axis) one grid request may ask for. */
export const GRID_EXPANSIONS_MAX = 200;

const id = z.string().trim().min(1).max(100);
const ids = z.array(id).max(1_000);
const month = z.number().int().min(1).max(12);
const axis = z.enum(["CHANNEL", "TERMINAL", "DISTRIBUTOR", "TOWNSHIP"]);

export const planArgs = z.object({
  unitCode: z.string().trim().min(1).max(64),
  year: z.number().int().min(1900).max(9999),
});

export const targetCellArgs = z
  .object({
    filter: z
      .object({
        metricIds: ids.nullish(),
        monthFrom: month.nullish(),
        monthTo: month.nullish(),
        productLineIds: ids.nullish(),
        productSpecIds: ids.nullish(),
        channelIds: ids.nullish(),
        grains: z
          .array(z.enum(["FIGURE", "CHANNEL", "TERMINAL", "DISTRIBUTOR", "TOWNSHIP"]))
          .max(5)
          .nullish(),
        hasStretch: z.boolean().nullish(),
      })
      .nullish(),
    first: z.number().int().min(1).max(TARGET_CELL_PAGE_MAX).nullish(),
    after: z.string().max(100).nullish(),
  })
  .refine((args) => (args.filter?.monthFrom ?? 1) <= (args.filter?.monthTo ?? 12), {
    message: "monthFrom is after monthTo",
    path: ["filter", "monthFrom"],
  });

export const gridArgs = z.object({
  metricIds: ids.nullish(),
  basis: z.enum(["BASE", "STRETCH"]).nullish(),
  expand: z
    .array(z.object({ productSpecId: id.nullish(), axis }))
    .max(GRID_EXPANSIONS_MAX)
    .nullish(),
  expandPresent: z.array(axis).max(4).nullish(),
});

export const estimateMethodArgs = z.object({
  planId: id,
  method: z.enum(["LAST_YEAR_SEASONALITY", "RUN_RATE"]),
});

/** Parses or throws VALIDATION_FAILED with the first problem's field and message. */
export function parseArgs<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  throw new DomainError("VALIDATION_FAILED", `Invalid argument ${field}: ${issue?.message ?? "not valid"}.`, {
    reason: "ARGUMENT_INVALID",
    params: { field },
  });
}
