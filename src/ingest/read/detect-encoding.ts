// Which text encoding a file uses: BOMs first, then UTF-16 by its zero bytes, then strict UTF-8, else GB18030.
import iconv from "iconv-lite";

/** The encodings an import can be in; GB18030 is a superset of GBK and GB2312. */
export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

/** Guesses the encoding from the first bytes of a file (a sample of a few dozen kB is enough). */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8-bom";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  // UTF-16 without a BOM: ASCII text leaves every other byte zero.
  let evenZero = 0;
  let oddZero = 0;
  const n = Math.min(sample.length, 4096);
  for (let i = 0; i < n; i++) if (sample[i] === 0) i % 2 === 0 ? evenZero++ : oddZero++;
  if (oddZero > n / 8 && evenZero < n / 64) return "utf-16le";
  if (evenZero > n / 8 && oddZero < n / 64) return "utf-16be";
  return isUtf8(sample) ? "utf-8" : "gb18030";
}

/** True when the bytes are valid UTF-8; a multi-byte sequence cut off at the end of a sample is allowed. */
function isUtf8(bytes: Uint8Array): boolean {
  let cut = bytes.length;
  // Step back over an incomplete trailing sequence (at most 3 bytes).
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) cut = bytes.length - k;
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, cut));
    return true;
  } catch {
    return false;
  }
}

/** The iconv-lite name of an encoding. */
export function iconvName(e: TextEncoding): string {
  return e === "utf-8-bom" ? "utf-8" : e;
}

/** Decodes a whole buffer in the detected encoding, without the BOM. */
export function decodeText(buf: Uint8Array): { encoding: TextEncoding; text: string } {
  // The whole buffer: a page may be plain ASCII for its first kilobytes and GBK further down.
  const encoding = detectEncoding(buf);
  const text = iconv.decode(Buffer.from(buf), iconvName(encoding), { stripBOM: true });
  return { encoding, text };
}
