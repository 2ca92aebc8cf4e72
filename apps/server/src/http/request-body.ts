// Reads a request body with a size limit, so one huge POST cannot exhaust memory.
import type { IncomingMessage } from "node:http";

export class RequestBodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "RequestBodyError";
  }
}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declaredLength = Number(request.headers["content-length"] ?? 0);
  if (declaredLength > limitBytes) throw new RequestBodyError(413, `Request body larger than ${limitBytes} bytes.`);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received > limitBytes) throw new RequestBodyError(413, `Request body larger than ${limitBytes} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The parsed JSON body when the request says it sends JSON; undefined otherwise
 * (Apollo Server then answers 400 with its own explanation). */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const contentType = request.headers["content-type"] ?? "";
  const [mediaType = "", ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (mediaType !== "application/json") return undefined;
  const charset = parameters.find((parameter) => parameter.startsWith("charset="))?.slice("charset=".length);
  if (charset !== undefined && charset.replaceAll('"', "") !== "utf-8") {
    throw new RequestBodyError(415, `Unsupported charset ${charset}: send UTF-8.`);
  }
  const text = await readBody(request, limitBytes);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestBodyError(400, "The request body is not valid JSON.");
  }
}
