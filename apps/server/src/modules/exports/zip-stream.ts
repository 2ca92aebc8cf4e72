// A ZIP archive written as it goes (APPNOTE 6.3): each entry's local header, its data deflated
// by zlib as the text arrives, then a data descriptor with the CRC-32 and sizes that are known
// only at its end (general purpose flag bit 3), and the central directory last. Names are
// UTF-8 (bit 11). No ZIP64: an entry or the archive over 4 GiB is refused (a national budget
// export is about 15 MB). What an XLSX needs and nothing more.
//
// zlib deflates on libuv's thread pool, so the compression runs beside the JavaScript that
// produces the text; the destination's backpressure is respected (writes wait for 'drain').
import { once } from "node:events";
import type { Writable } from "node:stream";
import { crc32, createDeflateRaw } from "node:zlib";

const LIMIT = 0xffffffff;

interface Written {
  readonly name: Buffer;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
}

/** Waits for `out` to take more when it says it is full; throws once `out` is closed. */
export async function writeTo(out: Writable, chunk: string | Buffer) {
  if (out.destroyed || out.writableEnded) throw new Error("The export's stream was closed.");
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", closed);
      resolve();
    };
    const closed = () => {
      out.off("drain", done);
      reject(new Error("The export's stream was closed."));
    };
    out.once("drain", done);
    out.once("close", closed);
  });
}

export class ZipStream {
  private readonly out: Writable;
  private readonly level: number;
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly dosTime: number;
  private readonly dosDate: number;

  /** `level`: zlib's deflate level (1 fastest … 9 smallest). */
  constructor(out: Writable, { level = 1, date = new Date() }: { level?: number; date?: Date } = {}) {
    this.out = out;
    this.level = level;
    this.dosTime = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
    this.dosDate = (Math.max(date.getFullYear() - 1980, 0) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  }

  private async emit(chunk: Buffer) {
    this.offset += chunk.length;
    if (this.offset > LIMIT) throw new Error("The archive is over 4 GiB (ZIP64 is not written).");
    await writeTo(this.out, chunk);
  }

  /** Adds one entry whose content is the concatenation of `chunks` (text as UTF-8). */
  async add(name: string, chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>) {
    const nameBytes = Buffer.from(name, "utf8");
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6); // bit 3: sizes in the data descriptor; bit 11: UTF-8 name
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.dosTime, 10);
    header.writeUInt16LE(this.dosDate, 12);
    // CRC-32 and sizes (14..25) stay 0: they follow in the data descriptor.
    header.writeUInt16LE(nameBytes.length, 26);
    await this.emit(Buffer.concat([header, nameBytes]));

    const deflate = createDeflateRaw({ level: this.level });
    deflate.on("error", () => undefined); // surfaced by `drained` or by the wait for 'drain'
    let compressed = 0;
    // The deflated bytes go out as they come; a failure to write stops the deflater too.
    const drained = (async () => {
      for await (const piece of deflate as AsyncIterable<Buffer>) {
        compressed += piece.length;
        await this.emit(piece);
      }
    })();
    drained.catch((error: unknown) => deflate.destroy(error instanceof Error ? error : new Error(String(error))));
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of chunks) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        if (bytes.length === 0) continue;
        if (deflate.destroyed) throw new Error("The export's stream was closed.");
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (size > LIMIT) throw new Error(`${name} is over 4 GiB (ZIP64 is not written).`);
        if (!deflate.write(bytes)) await once(deflate, "drain");
      }
      deflate.end();
    } catch (error) {
      deflate.destroy(error instanceof Error ? error : new Error(String(error)));
      await drained.catch(() => undefined);
      throw error;
    }
    await drained;

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.emit(descriptor);
    this.entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
  }

  /** Writes the central directory and ends `out`. */
  async finish() {
    const start = this.offset;
    const records: Buffer[] = [];
    for (const entry of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0808, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt16LE(this.dosTime, 12);
      record.writeUInt16LE(this.dosDate, 14);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      // extra, comment, disk number, attributes: 0
      record.writeUInt32LE(entry.offset, 42);
      records.push(record, entry.name);
    }
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(Buffer.concat([directory, end]));
    this.out.end();
  }
}
