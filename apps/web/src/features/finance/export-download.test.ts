import { describe, expect, it, vi } from "vitest";
import {
  countLineFeeds,
  downloadExport,
  ExportDownloadError,
  exportUrl,
  fileNameOf,
  formatBytes,
  type DownloadProgress,
} from "./export-download.js";

const encoder = new TextEncoder();

/** A fetch that answers with `chunks` streamed one by one (and remembers what it was asked). */
function streamingFetch(chunks: string[], headers: Record<string, string> = {}, status = 200) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    void init;
    return new Response(body, { status, headers });
  }) as unknown as typeof fetch & ReturnType<typeof vi.fn>;
}

describe("exportUrl", () => {
  it("names kind, format, cycle, unit, basis and locale as the server reads them", () => {
    expect(exportUrl({ kind: "budget", format: "xlsx", cycle: "FY2027", unit: "GZ", basis: "APPROVED", locale: "zh-CN" })).toBe(
      "/exports/budget.xlsx?cycle=FY2027&unit=GZ&basis=APPROVED&locale=zh-CN",
    );
    expect(exportUrl({ kind: "targets", format: "csv", cycle: "FY 27", unit: "A&B", basis: "LATEST", locale: "en" })).toBe(
      "/exports/targets.csv?cycle=FY+27&unit=A%26B&basis=LATEST&locale=en",
    );
  });
});

describe("the download's progress", () => {
  it("counts bytes and CSV lines as the chunks come, and keeps every byte", async () => {
    // 3 lines (CRLF), split across chunks in the middle of a line and of a CRLF; "元" is 3 bytes.
    const chunks = ["\uFEFFa,b\r", "\n1,元\r\n2,", "3\r\n"];
    const fetchImpl = streamingFetch(chunks, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition":
        "attachment; filename=\"budget-FY2027-GZ-approved-2026-11-29.csv\"; filename*=UTF-8''budget-FY2027-GZ-approved-2026-11-29.csv",
    });
    const seen: DownloadProgress[] = [];
    const file = await downloadExport("/exports/budget.csv?x", "csv", { fetchImpl, onProgress: (p) => seen.push(p) });
    // BOM 3 + "a,b\r" 4 = 7; "\n1,元\r\n2," = 1 + 2 + 3 + 2 + 2 = 10; "3\r\n" = 3 → 20 bytes.
    expect(seen).toEqual([
      { bytes: 7, lines: 0 },
      { bytes: 17, lines: 2 },
      { bytes: 20, lines: 3 },
    ]);
    expect(file).toMatchObject({ bytes: 20, lines: 3, fileName: "budget-FY2027-GZ-approved-2026-11-29.csv" });
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(encoder.encode(chunks.join("")));
    expect(fetchImpl.mock.calls[0]?.[1]).toMatchObject({ credentials: "same-origin" });
  });

  it("counts no lines in an XLSX (a zip), bytes only", async () => {
    const file = await downloadExport("/exports/budget.xlsx", "xlsx", { fetchImpl: streamingFetch(["PK\n\u0003", "\n\n"]) });
    expect(file).toMatchObject({ bytes: 6, lines: null, fileName: "budget.xlsx" });
  });

  it("turns a refusal into its code and reason", async () => {
    const fetchImpl = streamingFetch(['{"code":"NOT_FOUND","reason":"ORG_UNIT_NOT_FOUND"}'], {}, 404);
    const error = await downloadExport("/exports/budget.csv", "csv", { fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportDownloadError);
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
  });

  it("stops when cancelled: the abort reaches fetch and the promise rejects with it", async () => {
    const controller = new AbortController();
    let pulls = 0;
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          pulls += 1;
          if (pulls === 2) controller.abort();
          if (init?.signal?.aborted) stream.error(init.signal.reason);
          else stream.enqueue(encoder.encode("row\r\n"));
        },
      });
      return new Response(body);
    }) as unknown as typeof fetch;
    const seen: DownloadProgress[] = [];
    const outcome = await downloadExport("/exports/budget.csv", "csv", {
      fetchImpl,
      signal: controller.signal,
      onProgress: (p) => seen.push(p),
    }).catch((e: unknown) => e);
    expect((outcome as Error).name).toBe("AbortError");
    expect(seen.length).toBeLessThanOrEqual(2);
  });

  it("a network failure before any answer is an error without a status", async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    await expect(downloadExport("/exports/budget.csv", "csv", { fetchImpl })).rejects.toMatchObject({ status: null });
  });
});

describe("helpers", () => {
  it("count line feeds", () => {
    expect(countLineFeeds(encoder.encode("a\r\nb\nc"))).toBe(2);
    expect(countLineFeeds(new Uint8Array())).toBe(0);
  });

  it("read the file name, the UTF-8 one first", () => {
    expect(fileNameOf(`attachment; filename="_.csv"; filename*=UTF-8''%E9%A2%84%E7%AE%97.csv`, "x")).toBe("预算.csv");
    expect(fileNameOf('attachment; filename="plain.csv"', "x")).toBe("plain.csv");
    expect(fileNameOf(null, "fallback.csv")).toBe("fallback.csv");
  });

  it("format bytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});
