// The text of a report file from its bytes: a BOM decides (UTF-8, UTF-16 LE/BE); else the `encoding` asked for;
// else UTF-8, strictly: bytes that are not UTF-8 (GB18030 from a Chinese-language PBX, Windows-1252) are never
// turned into U+FFFD silently, but refused with the encoding they most likely are.
import { isUtf8 } from "node:buffer";
import { YeastarContentError, YeastarOptionError } from "../errors.js";

/** Decodes chunk by chunk (a character split between two chunks stays whole); the BOM is removed. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

/** Whether `label` is an encoding the reader can decode (any WHATWG label: utf-8, gb18030, gbk, windows-1252, …). */
export function checkEncoding(label: string): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new YeastarOptionError(
      `encoding ${JSON.stringify(label)} is no encoding this runtime decodes; use a WHATWG label such as utf-8, ` +
        "utf-16le, gb18030, big5, shift_jis or windows-1252",
    );
  }
}

const boms: [bytes: number[], encoding: string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

/** The encoding a BOM at the start of `head` names; undefined without one. */
export function bomEncoding(head: Uint8Array): string | undefined {
  return boms.find(([bytes]) => bytes.every((byte, i) => head[i] === byte))?.[1];
}

/**
 * A decoder for a file: the BOM's encoding when the first bytes carry one, else `encoding`, else strict UTF-8.
 * It decides on the first chunk of at least 3 bytes (or the last).
 */
export function chunkDecoder(encoding: string | undefined): ChunkDecoder {
  let decoder: ChunkDecoder | undefined;
  let held: Uint8Array = new Uint8Array(0);
  const start = (bytes: Uint8Array) => {
    const label = bomEncoding(bytes) ?? encoding ?? "utf-8";
    decoder = label === "utf-8" && !encoding ? strictUtf8() : textDecoder(label);
  };
  return {
    write(chunk) {
      if (decoder) return decoder.write(chunk);
      held = held.length ? concat(held, chunk) : chunk;
      if (held.length < 3) return "";
      start(held);
      return decoder!.write(held);
    },
    end() {
      if (decoder) return decoder.end();
      start(held);
      return decoder!.write(held) + decoder!.end();
    },
  };
}

/** The WHATWG decoder of `label` (it removes the BOM). */
function textDecoder(label: string): ChunkDecoder {
  const decoder = new TextDecoder(label);
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/**
 * Strict UTF-8 at the speed of Buffer#toString: each chunk is checked whole with isUtf8 (a character split
 * between chunks is carried over to the next one), so that an invalid byte is refused, not replaced.
 */
function strictUtf8(): ChunkDecoder {
  let carry: Uint8Array = new Uint8Array(0);
  let offset = 0;
  let first = true;
  return {
    write(chunk) {
      const joined = carry.length ? concat(carry, chunk) : chunk;
      const bytes = Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength);
      const cut = completeEnd(bytes);
      const whole = bytes.subarray(0, cut);
      if (!isUtf8(whole)) throw notUtf8(whole, offset);
      const bom = first && whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf ? 3 : 0;
      first = false;
      carry = Uint8Array.prototype.slice.call(bytes, cut);
      offset += cut;
      return whole.toString("utf8", bom);
    },
    end() {
      if (carry.length > 0) throw notUtf8(carry, offset);
      return "";
    },
  };
}

/** Where a character that the bytes end inside of starts (the bytes' length when they end whole). */
function completeEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return bytes.length;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return bytes.length - i < need ? i : bytes.length;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The refusal of bytes that are not UTF-8, naming the encoding they most likely are. */
function notUtf8(bytes: Uint8Array, offset: number): YeastarContentError {
  const likely = likelyEncoding(bytes);
  return new YeastarContentError(
    `the report file is not UTF-8 (invalid bytes near byte ${offset + firstInvalid(bytes)}); it looks like ` +
      `${likely.name}: pass encoding: "${likely.label}" (--encoding ${likely.label}), or set the PBX's language ` +
      "so that it writes UTF-8",
    { problem: "encoding", format: likely.label },
  );
}

/** Where the first byte sequence that is not UTF-8 starts in `bytes`. */
function firstInvalid(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by halving (a prefix may end inside a character: stream mode allows that).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * GB18030 when the bytes decode as it and their high bytes come in pairs (lead 0x81–0xFE, trail 0x80–0xFE: CJK
 * text); else Windows-1252, the usual 8-bit Western encoding (Latin-1's superset), whose accented letters stand
 * alone between ASCII ones.
 */
export function likelyEncoding(bytes: Uint8Array): { name: string; label: string } {
  let pairs = 0;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 0x80) continue;
    high += 1;
    const next = bytes[i + 1];
    if (byte >= 0x81 && byte <= 0xfe && next !== undefined && next >= 0x80 && next <= 0xfe) {
      pairs += 1;
      i += 1;
      high += 1;
    }
  }
  let decodes = true;
  try {
    new TextDecoder("gb18030", { fatal: true }).decode(bytes);
  } catch {
    decodes = false;
  }
  return decodes && pairs > 0 && pairs * 2 >= high * 0.9
    ? { name: "GB18030 (a Chinese-language PBX)", label: "gb18030" }
    : { name: "Windows-1252 (Latin-1)", label: "windows-1252" };
}
