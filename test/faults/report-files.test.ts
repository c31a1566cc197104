// Report files a PBX may send that are not the UTF-8 CSV the reader expects (issue 19, points 2, 4 and 7): other
// download formats (XLS, XLSX, PDF, HTML), other encodings, records of any length, reports that hold only totals.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarContentError, YeastarOptionError } from "../../src/index.js";
import { credentials, type Hostile, hostilePbx, json } from "./hostile.js";

let pbx: Hostile;
afterEach(async () => {
  await pbx?.close();
});
const q: ReportQuery = {
  type: "queueperformance",
  queue_id_list: "6400",
  start_time: "2024-05-01",
  end_time: "2024-05-31",
};
const client = () => createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, retryDelay: 1, maxRetries: 0 });

/** A PBX that names the report `file` and serves `body` for it. */
async function serving(file: string, body: Buffer | string, type = "application/octet-stream") {
  pbx = await hostilePbx({
    "GET /openapi/v1.0/call_report/download": (_req, res) =>
      json(res, { errcode: 0, errmsg: "SUCCESS", file, download_resource_url: `/api/download/${file}` }),
    "GET /api/download/": (_req, res) => res.writeHead(200, { "content-type": type }).end(body),
  });
  return client();
}

async function allRows(rows: AsyncIterable<Record<string, string>>) {
  const out: Record<string, string>[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe("report files that are not CSV: saved under their own name, never parsed", () => {
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 7)]);
  const xlsx = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 1)]);
  const pdf = Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n");
  const html = "<!DOCTYPE html><html><head><title>Queue Performance</title></head><body><table></table></body></html>";
  it.each([
    ["xls", "QueuePerformance-20240601.xls", xls],
    ["xlsx", "QueuePerformance-20240601.xlsx", xlsx],
    ["pdf", "QueuePerformance-20240601.pdf", pdf],
    ["html", "QueuePerformance-20240601.html", Buffer.from(html)],
    ["xls", "QueuePerformance-20240601.csv", xls],
  ])("%s as %s", async (format, file, body) => {
    const pbxClient = await serving(file, body, format === "html" ? "text/html" : "application/octet-stream");
    const report = await pbxClient.downloadReport(q);
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-kind-"));
    const saved = await report.saveTo(`${dir}/`);
    expect(path.basename(saved)).toBe(file);
    expect(await readFile(saved)).toEqual(body);
    expect(report.format).toBe(format);
    expect(report.empty).toBeUndefined();
    const refused = await allRows(report.rows()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(YeastarContentError);
    expect(refused).toMatchObject({ problem: "not-csv", format });
    expect((refused as Error).message).toMatch(/not CSV: nothing was parsed.*download format to CSV/);
    await expect(report.text()).rejects.toThrow(YeastarContentError);
    expect(await readdir(dir)).toEqual([file]);
    await pbxClient.close();
  });
});

describe("encodings", () => {
  const header = "Queue,Agent\r\n";
  it("UTF-16 LE and BE with BOM are decoded", async () => {
    const text = `${header}6400 - 销售,王伟<1001>\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const body of [le, be]) {
      const pbxClient = await serving("q.csv", body);
      const rows = await allRows((await pbxClient.downloadReport(q)).rows());
      expect(rows).toEqual([{ Queue: "6400 - 销售", Agent: "王伟<1001>" }]);
      await pbxClient.close();
      await pbx.close();
    }
  });

  it("GB18030 without BOM is refused naming gb18030; with encoding it reads right; nothing becomes U+FFFD", async () => {
    const gbk = Buffer.concat([
      Buffer.from(header),
      new TextEncoder().encode("x"),
      gb18030("6400 - 销售,王伟<1001>\r\n"),
    ]);
    const pbxClient = await serving("q.csv", gbk);
    const report = await pbxClient.downloadReport(q);
    const error = await allRows(report.rows()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarContentError);
    expect(error).toMatchObject({ problem: "encoding", format: "gb18030" });
    expect((error as Error).message).toMatch(/not UTF-8 .*GB18030.*--encoding gb18030/);
    expect(await allRows(report.rows({ encoding: "gb18030" }))).toEqual([
      { Queue: "x6400 - 销售", Agent: "王伟<1001>" },
    ]);
    await pbxClient.close();
  });

  it("Latin-1 is refused naming windows-1252, and read with it; an unknown label is an option error", async () => {
    const latin1 = Buffer.from(`${header}6400 - Vente,Jürgen Müller\r\n`, "latin1");
    const pbxClient = await serving("q.csv", latin1);
    const report = await pbxClient.downloadReport(q);
    await expect(allRows(report.rows())).rejects.toMatchObject({ problem: "encoding", format: "windows-1252" });
    expect(await allRows(report.rows({ encoding: "windows-1252" }))).toEqual([
      { Queue: "6400 - Vente", Agent: "Jürgen Müller" },
    ]);
    await expect(allRows(report.rows({ encoding: "klingon" }))).rejects.toThrow(YeastarOptionError);
    await pbxClient.close();
  });
});

describe("records of any length", () => {
  it("a 12 MB quoted field is read whole; a 40 MB one is refused with the cap, in linear time", async () => {
    const field = (n: number) => `6400,"${"x".repeat(n)}"\r\n`;
    let pbxClient = await serving("q.csv", `Queue,Note\r\n${field(12_000_000)}6401,short\r\n`);
    const rows = await allRows((await pbxClient.downloadReport(q)).rows());
    expect(rows.map((r) => [r.Queue, r.Note?.length])).toEqual([
      ["6400", 12_000_000],
      ["6401", 5],
    ]);
    await pbxClient.close();
    await pbx.close();
    pbxClient = await serving("q.csv", `Queue,Note\r\n${field(40_000_000)}`);
    const error = await allRows((await pbxClient.downloadReport(q)).rows()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "YeastarContentError", problem: "record-too-long" });
    expect((error as Error).message).toMatch(/a record longer than 16777216 characters/);
    await pbxClient.close();
  }, 30_000);
});

describe("a report that holds only totals is empty", () => {
  it.each([
    ["header and a zero Total row", "Queue,Total Calls,Answered\r\nTotal,0,0\r\n", true],
    ["header, blank line, title, detail header", "Queue,Calls\r\n\r\nCall Details\r\nTime,Caller\r\n", true],
    ["a data row before the Total row", "Queue,Total Calls\r\nSales<6400>,1\r\nTotal,1\r\n", false],
  ])("%s: saveTo, text and rows agree (%s)", async (_what, body, empty) => {
    const pbxClient = await serving("q.csv", body);
    const report = await pbxClient.downloadReport(q);
    const dir = await mkdtemp(path.join(tmpdir(), "ycr-empty-"));
    await report.saveTo(`${dir}/`);
    expect(report.empty).toBe(empty);
    await report.text();
    expect(report.empty).toBe(empty);
    const rows = await allRows(report.rows());
    expect(report.empty).toBe(empty);
    expect(rows.some((r) => r.Queue === "Total")).toBe(false);
    await pbxClient.close();
  });
});

/** GB18030 bytes of `text`: TextEncoder writes only UTF-8, so through the decoder's inverse, character by character. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      table.set(decoder.decode(bytes), bytes);
    }
  return Buffer.concat([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : table.get(ch)!)));
}
