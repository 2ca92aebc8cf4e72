// The actuals import's HTTP side (not GraphQL: a file upload with a streamed
// answer). POST /imports sends the file as multipart/form-data and reads the
// answer as NDJSON: progress lines while the server reads, validates and
// writes, then one result line. Refusals before the stream starts come back as
// JSON `{ code, reason, message }` with a 4xx status (docs/ARCHITECTURE.md
// "Actuals import": 401, 403, 404 scope, 400, 413 too large). Also the addresses of the templates and of a batch's error report.
import { z } from "zod";

export const IMPORT_KINDS = ["SALES_ACTUALS", "EXPENSE_ACTUALS"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_MODES = ["ALL_OR_NOTHING", "VALID_ONLY"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export type TemplateFormat = "csv" | "xlsx";

const count = z.number().int().nonnegative();

const progressSchema = z.object({
  type: z.literal("progress"),
  rowsRead: count,
  rowsValid: count,
  rowsWritten: count,
});

const rowErrorSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable().optional(),
  code: z.string(),
  message: z.string(),
});

const resultSchema = z.object({
  type: z.literal("result"),
  batchId: z.string().nullable().optional(),
  status: z.string(),
  rowCount: count,
  acceptedCount: count,
  rejectedCount: count,
  errors: z.array(rowErrorSchema),
  errorsTruncated: z.boolean(),
  duplicateOf: z.string().nullable().optional(),
});

/** A failure the server reports inside the stream, once it has started (e.g. the database went away). */
const streamErrorSchema = z.object({
  type: z.literal("error"),
  code: z.string().optional(),
  message: z.string().optional(),
});

const eventSchema = z.discriminatedUnion("type", [progressSchema, resultSchema, streamErrorSchema]);

export type ImportProgress = z.infer<typeof progressSchema>;
export type ImportRowError = z.infer<typeof rowErrorSchema>;
export type ImportResult = z.infer<typeof resultSchema>;
export type ImportEvent = z.infer<typeof eventSchema>;

/** What the page knows how to show; anything else the server sends is shown as it is. */
export type ImportStatus = "VALIDATED" | "REJECTED" | "APPLIED" | "UNCHANGED";

export interface ImportRequest {
  readonly kind: ImportKind;
  readonly year: number;
  readonly monthFrom: number;
  readonly monthTo: number;
  /** The org unit's code the batch is for. */
  readonly scope: string;
  readonly dryRun: boolean;
  readonly mode: ImportMode;
  /** The language of the row messages. */
  readonly lang: "zh-CN" | "en";
  readonly file: Blob;
  readonly fileName: string;
}

/** Why an import did not produce a result: the page words each reason. */
export type ImportFailureReason =
  "TOO_LARGE" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED" | "BAD_REQUEST" | "SERVER" | "NETWORK" | "INCOMPLETE" | "ABORTED";

export class ImportRequestError extends Error {
  constructor(
    readonly reason: ImportFailureReason,
    /** The server's own words, when it sent some. */
    readonly serverMessage: string | null = null,
    readonly status: number | null = null,
  ) {
    super(serverMessage ?? reason);
    this.name = "ImportRequestError";
  }
}

/** POST /imports?… for the request's parameters (the file goes in the body). */
export function importUrl(request: Omit<ImportRequest, "file" | "fileName">): string {
  const params = new URLSearchParams({
    kind: request.kind,
    year: String(request.year),
    monthFrom: String(request.monthFrom),
    monthTo: String(request.monthTo),
    scope: request.scope,
    dryRun: String(request.dryRun),
    mode: request.mode,
    lang: request.lang,
  });
  return `/imports?${params.toString()}`;
}

/** The template to fill in: /imports/templates/sales.csv?lang=zh-CN. */
export function templateUrl(kind: ImportKind, format: TemplateFormat, lang: "zh-CN" | "en"): string {
  const name = kind === "SALES_ACTUALS" ? "sales" : "expenses";
  return `/imports/templates/${name}.${format}?lang=${encodeURIComponent(lang)}`;
}

/** The file's rows with a message column, for a checked or imported batch. */
export function errorReportUrl(batchId: string): string {
  return `/imports/${encodeURIComponent(batchId)}/errors.csv`;
}

/**
 * The lines of an NDJSON body, parsed, as they arrive: a line split across
 * chunks (or a character split across chunks) is joined first; blank lines and
 * a missing final newline are fine; a line that is not JSON throws.
 */
export async function* readNdjson(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  let buffered = "";
  const parseLine = (line: string): unknown[] => {
    const trimmed = line.trim();
    return trimmed === "" ? [] : [JSON.parse(trimmed) as unknown];
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf("\n");
      while (newline !== -1) {
        yield* parseLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
      }
    }
    buffered += decoder.decode();
    yield* parseLine(buffered);
  } finally {
    reader.releaseLock();
  }
}

/** One NDJSON line as an import event (throws on a shape the contract does not have). */
export function parseImportEvent(value: unknown): ImportEvent {
  return eventSchema.parse(value);
}

const REASON_BY_STATUS: Readonly<Record<number, ImportFailureReason>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  413: "TOO_LARGE",
};

async function serverMessageOf(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as unknown;
    if (body && typeof body === "object") {
      const { message, error } = body as { message?: unknown; error?: unknown };
      if (typeof message === "string" && message.trim() !== "") return message;
      if (typeof error === "string" && error.trim() !== "") return error;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return null;
}

export interface RunImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** Injected in tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/** Uploads the file and follows the stream to its result (progress through `onProgress`). */
export async function runImport(request: ImportRequest, options: RunImportOptions = {}): Promise<ImportResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const form = new FormData();
  form.append("file", request.file, request.fileName);
  let response: Response;
  try {
    response = await doFetch(importUrl(request), {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { accept: "application/x-ndjson" },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw new ImportRequestError("ABORTED");
    throw new ImportRequestError("NETWORK", error instanceof Error ? error.message : null);
  }
  if (!response.ok) {
    const reason = REASON_BY_STATUS[response.status] ?? (response.status >= 500 ? "SERVER" : "BAD_REQUEST");
    throw new ImportRequestError(reason, await serverMessageOf(response), response.status);
  }
  if (!response.body) throw new ImportRequestError("INCOMPLETE", null, response.status);
  try {
    for await (const line of readNdjson(response.body)) {
      const event = parseImportEvent(line);
      if (event.type === "progress") options.onProgress?.(event);
      else if (event.type === "result") return event;
      else throw new ImportRequestError("SERVER", event.message ?? event.code ?? null, response.status);
    }
  } catch (error) {
    if (error instanceof ImportRequestError) throw error;
    if (options.signal?.aborted) throw new ImportRequestError("ABORTED");
    throw new ImportRequestError("INCOMPLETE", error instanceof Error ? error.message : null, response.status);
  }
  // The stream ended without its result: the connection broke or the server stopped.
  throw new ImportRequestError("INCOMPLETE", null, response.status);
}
