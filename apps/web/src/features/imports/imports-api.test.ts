// The import's HTTP client against a fake fetch: the NDJSON stream read line by
// line whatever the chunking, progress handed on in order, the result returned,
// and each way it can fail named.
import { describe, expect, it } from "vitest";
import {
  errorReportUrl,
  importUrl,
  ImportRequestError,
  readNdjson,
  runImport,
  templateUrl,
  type ImportProgress,
  type ImportRequest,
} from "./imports-api.js";

const encoder = new TextEncoder();

/** A body that arrives in exactly these byte chunks. */
function streamOf(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const queue = chunks.map((chunk) => (typeof chunk === "string" ? encoder.encode(chunk) : chunk));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const line of readNdjson(body)) lines.push(line);
  return lines;
}

const RESULT = {
  type: "result",
  batchId: "b-1",
  status: "VALIDATED",
  rowCount: 5,
  acceptedCount: 3,
  rejectedCount: 2,
  errors: [
    { row: 3, column: "unit", code: "UNKNOWN_UNIT", message: "未知单位 XX" },
    { row: 5, column: "amount", code: "NOT_A_NUMBER", message: "金额不是数字" },
  ],
  errorsTruncated: false,
  duplicateOf: null,
};

const REQUEST: ImportRequest = {
  kind: "SALES_ACTUALS",
  year: 2026,
  monthFrom: 1,
  monthTo: 12,
  scope: "CONGHUA",
  dryRun: true,
  mode: "ALL_OR_NOTHING",
  lang: "zh-CN",
  file: new Blob(["单位,月份\n"], { type: "text/csv" }),
  fileName: "销售.csv",
};

interface Sent {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function fakeFetch(respond: () => Response): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(input), init });
    return respond();
  }) as typeof fetch;
  return { fetch: fetchFn, sent };
}

const ndjson = (chunks: readonly (string | Uint8Array)[]) =>
  new Response(streamOf(chunks), { status: 200, headers: { "content-type": "application/x-ndjson" } });

describe("readNdjson", () => {
  it("joins lines split across chunks, and a character split across chunks", async () => {
    const zhong = encoder.encode("中"); // three bytes: E4 B8 AD
    const lines = await collect(streamOf(['{"a":1}\n{"b":', '2}\n{"c":"', zhong.slice(0, 1), zhong.slice(1), '"}\n']));
    expect(lines).toEqual([{ a: 1 }, { b: 2 }, { c: "中" }]);
  });

  it("skips blank lines, accepts CRLF and a last line without a newline", async () => {
    expect(await collect(streamOf(['{"a":1}\r\n\n', '\n{"b":2}']))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(await collect(streamOf([]))).toEqual([]);
  });

  it("throws on a line that is not JSON", async () => {
    await expect(collect(streamOf(['{"a":1}\nnot json\n']))).rejects.toThrow(SyntaxError);
  });
});

describe("runImport", () => {
  it("posts the file as multipart with the batch's parameters in the address", async () => {
    const { fetch, sent } = fakeFetch(() => ndjson([`${JSON.stringify(RESULT)}\n`]));
    await runImport(REQUEST, { fetch });
    expect(sent).toHaveLength(1);
    const [{ url, init }] = sent as [Sent];
    expect(url).toBe(
      "/imports?kind=SALES_ACTUALS&year=2026&monthFrom=1&monthTo=12&scope=CONGHUA&dryRun=true&mode=ALL_OR_NOTHING&lang=zh-CN",
    );
    expect(init?.method).toBe("POST");
    const body = init?.body;
    expect(body).toBeInstanceOf(FormData);
    const file = (body as FormData).get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("销售.csv");
    expect(await (file as File).text()).toBe("单位,月份\n");
  });

  it("hands on each progress line in order and returns the result", async () => {
    const progress: ImportProgress[] = [];
    const lines = [
      { type: "progress", rowsRead: 2, rowsValid: 2, rowsWritten: 0 },
      { type: "progress", rowsRead: 5, rowsValid: 3, rowsWritten: 0 },
      RESULT,
    ].map((line) => JSON.stringify(line));
    // Chunk boundaries anywhere: here in the middle of the second line and the result.
    const text = `${lines.join("\n")}\n`;
    const { fetch } = fakeFetch(() => ndjson([text.slice(0, 70), text.slice(70, 130), text.slice(130)]));
    const result = await runImport(REQUEST, { fetch, onProgress: (event) => progress.push(event) });
    expect(progress.map((event) => [event.rowsRead, event.rowsValid, event.rowsWritten])).toEqual([
      [2, 2, 0],
      [5, 3, 0],
    ]);
    expect(result.status).toBe("VALIDATED");
    expect(result.errors.map((error) => [error.row, error.column, error.message])).toEqual([
      [3, "unit", "未知单位 XX"],
      [5, "amount", "金额不是数字"],
    ]);
  });

  it("names a refusal before the stream by its status, with the server's words", async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify({ code: "VALIDATION_FAILED", reason: "FILE_TOO_LARGE", message: "文件超过 100 MB" }), {
          status: 413,
        }),
    );
    const failure = await runImport(REQUEST, { fetch }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportRequestError);
    expect(failure).toMatchObject({ reason: "TOO_LARGE", serverMessage: "文件超过 100 MB", status: 413 });

    const forbidden = fakeFetch(() => new Response("nope", { status: 403 }));
    await expect(runImport(REQUEST, { fetch: forbidden.fetch })).rejects.toMatchObject({
      reason: "FORBIDDEN",
      serverMessage: null,
    });
    const outside = fakeFetch(() => new Response('{"code":"NOT_FOUND","reason":"ORG_UNIT_NOT_FOUND"}', { status: 404 }));
    await expect(runImport(REQUEST, { fetch: outside.fetch })).rejects.toMatchObject({ reason: "NOT_FOUND" });
    const broken = fakeFetch(() => new Response("{}", { status: 502 }));
    await expect(runImport(REQUEST, { fetch: broken.fetch })).rejects.toMatchObject({ reason: "SERVER" });
  });

  it("says the answer was incomplete when the stream ends without a result or breaks", async () => {
    const ended = fakeFetch(() => ndjson(['{"type":"progress","rowsRead":1,"rowsValid":1,"rowsWritten":0}\n']));
    await expect(runImport(REQUEST, { fetch: ended.fetch })).rejects.toMatchObject({ reason: "INCOMPLETE" });
    const garbled = fakeFetch(() => ndjson(["<html>\n"]));
    await expect(runImport(REQUEST, { fetch: garbled.fetch })).rejects.toMatchObject({ reason: "INCOMPLETE" });
    const unknownShape = fakeFetch(() => ndjson(['{"type":"result","status":"APPLIED"}\n']));
    await expect(runImport(REQUEST, { fetch: unknownShape.fetch })).rejects.toMatchObject({ reason: "INCOMPLETE" });
  });

  it("reports a failure the server sends inside the stream", async () => {
    const { fetch } = fakeFetch(() => ndjson(['{"type":"error","code":"DATABASE_UNAVAILABLE","message":"数据库不可用"}\n']));
    await expect(runImport(REQUEST, { fetch })).rejects.toMatchObject({ reason: "SERVER", serverMessage: "数据库不可用" });
  });

  it("tells a network failure from an abort", async () => {
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    await expect(runImport(REQUEST, { fetch: offline })).rejects.toMatchObject({ reason: "NETWORK" });
    const controller = new AbortController();
    controller.abort();
    await expect(runImport(REQUEST, { fetch: offline, signal: controller.signal })).rejects.toMatchObject({
      reason: "ABORTED",
    });
  });
});

describe("addresses", () => {
  it("names the templates and the error report", () => {
    expect(templateUrl("SALES_ACTUALS", "csv", "zh-CN")).toBe("/imports/templates/sales.csv?lang=zh-CN");
    expect(templateUrl("EXPENSE_ACTUALS", "xlsx", "en")).toBe("/imports/templates/expenses.xlsx?lang=en");
    expect(errorReportUrl("b 1")).toBe("/imports/b%201/errors.csv");
    expect(importUrl({ ...REQUEST, dryRun: false, mode: "VALID_ONLY", scope: "GZ" })).toContain(
      "scope=GZ&dryRun=false&mode=VALID_ONLY&lang=zh-CN",
    );
  });
});
