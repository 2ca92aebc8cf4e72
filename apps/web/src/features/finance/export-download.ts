// Finance's files, fetched as a stream so the page can say how much has come (the server
// streams the file as it writes it and cannot say its length first), then handed to the
// browser as a Blob link. The logic is plain functions over fetch and streams, so it is
// tested without a browser (export-download.test.ts); ExportButton and the Finance page use it.

export type ExportFileKind = "budget" | "targets";
export type ExportFileFormat = "xlsx" | "csv";
export type ExportFileBasis = "APPROVED" | "LATEST";
export type ExportFileLocale = "zh-CN" | "en";

export interface ExportFileQuery {
  readonly kind: ExportFileKind;
  readonly format: ExportFileFormat;
  /** The cycle's code. */
  readonly cycle: string;
  /** The subtree's top unit, by code. */
  readonly unit: string;
  readonly basis: ExportFileBasis;
  readonly locale: ExportFileLocale;
}

/** `/exports/budget.xlsx?cycle=FY2027&unit=GZ&basis=APPROVED&locale=zh-CN` (server: http/exports.ts). */
export function exportUrl({ kind, format, cycle, unit, basis, locale }: ExportFileQuery): string {
  const params = new URLSearchParams({ cycle, unit, basis, locale });
  return `/exports/${kind}.${format}?${params.toString()}`;
}

export interface DownloadProgress {
  readonly bytes: number;
  /** CSV: the lines received so far (the header included); null for XLSX (a zip: no lines to count). */
  readonly lines: number | null;
}

export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
  readonly bytes: number;
  readonly lines: number | null;
}

/** A refusal of the server ({ code, reason } with a status) or a broken stream. */
export class ExportDownloadError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string | null,
    readonly reason: string | null,
  ) {
    super(code ?? (status === null ? "NETWORK" : `HTTP ${status}`));
    this.name = "ExportDownloadError";
  }
}

const LF = 0x0a;

/** Line feeds in a chunk (a CSV's rows end with CRLF; quoted fields in our files hold none). */
export function countLineFeeds(chunk: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === LF) count += 1;
  return count;
}

/** The file's name from Content-Disposition: filename*=UTF-8''… first, then filename="…". */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition) {
    const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (extended?.[1]) {
      try {
        return decodeURIComponent(extended[1].trim());
      } catch {
        // fall through to the plain name
      }
    }
    const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition);
    if (plain?.[1]) return plain[1];
  }
  return fallback;
}

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** fetch itself, or a stand-in in tests. */
  readonly fetchImpl?: typeof fetch;
}

/**
 * Fetches the export at `url` with the session cookie, reporting bytes (and CSV lines) as they
 * arrive; resolves with the whole file as a Blob. An abort (cancel) rejects with the signal's
 * AbortError; a refusal with ExportDownloadError carrying the server's code and reason.
 */
export async function downloadExport(
  url: string,
  format: ExportFileFormat,
  { signal, onProgress, fetchImpl = fetch }: DownloadOptions = {},
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: "same-origin", ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ExportDownloadError(null, null, null);
  }
  if (!response.ok) {
    let body: { code?: unknown; reason?: unknown } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // no JSON body: the status says it
    }
    throw new ExportDownloadError(
      response.status,
      typeof body.code === "string" ? body.code : null,
      typeof body.reason === "string" ? body.reason : null,
    );
  }
  const fallback = url.split("?", 1)[0]!.split("/").pop() ?? `export.${format}`;
  const fileName = fileNameOf(response.headers.get("content-disposition"), fallback);
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let lines: number | null = format === "csv" ? 0 : null;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        if (lines !== null) lines += countLineFeeds(value);
        onProgress?.({ bytes, lines });
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ExportDownloadError(response.status, null, "STREAM_BROKEN");
    } finally {
      reader.releaseLock();
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    chunks.push(buffer);
    bytes = buffer.byteLength;
    if (lines !== null) lines = countLineFeeds(buffer);
    onProgress?.({ bytes, lines });
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName, bytes, lines };
}

/** Hands a Blob to the browser as a download (an object URL on a transient link). */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const href = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = href;
  link.download = fileName;
  link.style.display = "none";
  doc.body.append(link);
  link.click();
  link.remove();
  // Give the browser the URL long enough to start the save.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** "1.5 MB", "12.3 KB", "512 B": bytes for people (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
