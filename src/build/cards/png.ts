/**
 * A palette PNG (PNG 3rd edition, colour type 3, 8 bits) of a painted card: the container is a
 * few chunks, and zlib (Node's own) does the compressing. sharp writes palette PNGs only by
 * quantising an RGB image, which costs tens of milliseconds and changes colours; a card's
 * painter already has its palette (src/build/cards/raster.ts).
 *
 * Rows are unfiltered and compressed with run-length matching only (Z_RLE): a card is long runs
 * of one index, and on cards that was quicker than any level of the default strategy at a size
 * close to level 4's (about 1.4 ms a card against 4.4, 23 KB against 22 KB). (Compressing only
 * the rows a card's own text touched, and the base's rows once, was measured too: no quicker,
 * since runs of one index cost zlib almost nothing.)
 */
import { constants, crc32, deflateSync } from "node:zlib";
import type { Indexed } from "./raster.ts";

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** The rows with their filter bytes, reused from card to card: every byte is written each time. */
let rows = Buffer.alloc(0);

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/**
 * The PNG's bytes. Synchronous: cards are drawn on threads of their own (src/build/cards/stage.ts),
 * and zlib's asynchronous API hands the output back in 16 KB pieces through the event loop,
 * which cost this thread more than compressing.
 */
export function encodeIndexed(image: Indexed): Uint8Array {
  const { width, height, palette, data } = image;
  const size = height * (width + 1);
  if (rows.length !== size) rows = Buffer.allocUnsafe(size);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type: 0, none.
    rows[y * (width + 1)] = 0;
    rows.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits, palette, deflate, no filter method but 0, not interlaced
  const idat = deflateSync(rows, { strategy: constants.Z_RLE });
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("PLTE", palette),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array()),
  ]);
}
