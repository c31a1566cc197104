// What a report file is, from its name and first bytes. Newer firmware lets a report's download format be CSV,
// XLS or HTML (and PDF for CDR): such a file is saved as it came, under its own extension, and never parsed as CSV.
import { YeastarContentError } from "../errors.js";

/** The format of a report file. */
export type FileKind = "csv" | "xls" | "xlsx" | "pdf" | "html";

const extensions: Record<string, FileKind> = {
  ".xls": "xls",
  ".xlsx": "xlsx",
  ".pdf": "pdf",
  ".html": "html",
  ".htm": "html",
};

/** The kind a file name's extension says; undefined for `.csv` and names without a known extension. */
export function kindOfName(name: string): FileKind | undefined {
  const ext = /\.[A-Za-z]+$/.exec(name)?.[0]?.toLowerCase();
  return ext && Object.hasOwn(extensions, ext) ? extensions[ext] : undefined;
}

/** The kind the first bytes show: XLS (OLE2 `D0 CF 11 E0`), XLSX (zip `PK`), PDF, an HTML document; else undefined. */
export function kindOfBytes(head: Uint8Array | undefined): FileKind | undefined {
  if (!head || head.length === 0) return undefined;
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return "xls";
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return "xlsx";
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 512)).toString("latin1");
  if (text.startsWith("%PDF")) return "pdf";
  if (/^(\xEF\xBB\xBF)?\s*<(!doctype\s+html|html[\s>]|head[\s>])/i.test(text)) return "html";
  return undefined;
}

/** The kind of a file: its first bytes decide, then its name; CSV when neither says otherwise. */
export function fileKindOf(name: string, head: Uint8Array | undefined): FileKind {
  return kindOfBytes(head) ?? kindOfName(name) ?? "csv";
}

const names: Record<Exclude<FileKind, "csv">, string> = {
  xls: "an Excel (XLS) file",
  xlsx: "an Excel (XLSX) file",
  pdf: "a PDF file",
  html: "an HTML page",
};

/** The refusal to read a file that is not CSV as rows: what it is, and the PBX setting that makes it CSV. */
export function notCsv(file: string, kind: Exclude<FileKind, "csv">, type: string): YeastarContentError {
  return new YeastarContentError(
    `the ${type} report file ${JSON.stringify(file)} is ${names[kind]}, not CSV: nothing was parsed. Save it as ` +
      `it is (saveTo, --out), or set the report's download format to CSV on the PBX (Reports: the report's ` +
      "download settings) and download it again",
    { problem: "not-csv", format: kind },
  );
}
