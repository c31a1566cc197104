// Report files as a real PBX writes them (test/contract/report-files.ts), served over HTTP by a stub PBX and read
// every way a user reads one: rows(), download --format json/ndjson, readReport() and convert of the saved file
// (issue 19, acceptance). Not the simulator: the file's shape comes from the real export, not from our model.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, readReport } from "../../src/index.js";
import { credentials, type Hostile, hostilePbx, json } from "../faults/hostile.js";
import {
  emptyExport,
  inlineExport,
  inlineRows,
  sectionsExport,
  sectionsRows,
  unknownColumnExport,
} from "./report-files.js";

const root = path.resolve(import.meta.dirname, "../..");
const main = path.join(root, "src/cli/main.ts");
const file = "QueuePerformance-X.7.0.7-download-20240601094753-ejP6Z6htIfhsCQbP.csv";
const query = {
  type: "queueperformance",
  queue_id_list: "6400,6401",
  start_time: "2024-06-01",
  end_time: "2024-06-01 23:59:59",
  need_detail: 1,
} satisfies ReportQuery;
const flags = ["--type", "queueperformance", "--queue-id-list", "6400,6401", "--start-time", "2024-06-01"];
const cliFlags = [...flags, "--end-time", "2024-06-01 23:59:59", "--need-detail", "1"];

let pbx: Hostile | undefined;
afterEach(async () => {
  await pbx?.close();
  pbx = undefined;
});

/** A PBX whose report is `body`, under the name a PBX gives it. */
async function serving(body: Buffer | string, name = file) {
  pbx = await hostilePbx({
    "GET /openapi/v1.0/call_report/download": (_req, res) =>
      json(res, { errcode: 0, errmsg: "SUCCESS", file: name, download_resource_url: `/api/download/${name}` }),
    "GET /api/download/": (_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(body),
  });
  return pbx;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function cli(args: string[]): Promise<Run> {
  const env = {
    ...process.env,
    YEASTAR_BASE_URL: pbx?.baseUrl ?? "http://127.0.0.1:9",
    YEASTAR_CLIENT_ID: credentials.clientId,
    YEASTAR_CLIENT_SECRET: credentials.clientSecret,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", main, ...args], { env, cwd: root, timeout: 30_000 }, (e, o, r) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout: o, stderr: r }),
    );
  });
}
const tmp = () => mkdtemp(path.join(tmpdir(), "ycr-content-"));
const lines = (text: string) => text.split("\n").filter(Boolean);
const plain = (rows: Record<string, string>[]) => rows.map((row) => ({ ...row }));
const withoutSection = (rows: Record<string, string>[]) =>
  rows.filter((r) => r._section !== "total").map(({ _section, ...row }) => row);

async function rowsOf(rows: AsyncIterable<Record<string, string>>) {
  const out: Record<string, string>[] = [];
  for await (const row of rows) out.push(row);
  return plain(out);
}

describe.each([
  ["inline", inlineExport, inlineRows],
  ["sections", sectionsExport, sectionsRows],
])("the %s layout", (_layout, body, expected) => {
  it("rows(): summary, detail (with the queue it sits under) and total; no inner header is a row", async () => {
    await serving(body);
    const pbxClient = createYeastarClient({ baseUrl: pbx!.baseUrl, ...credentials, maxRetries: 0 });
    const report = await pbxClient.downloadReport(query);
    expect(await rowsOf(report.rows({ withSection: true }))).toEqual(expected);
    expect(report.empty).toBe(false);
    expect(report.columns).toMatchObject({ unknown: [], missing: [], detail: expect.arrayContaining(["ID"]) });
    const again = await pbxClient.downloadReport(query);
    expect(await rowsOf(again.rows())).toEqual(withoutSection(expected as Record<string, string>[]));
    await pbxClient.close();
  });

  it("download --format json and ndjson print the same rows, with _section", async () => {
    await serving(body);
    const asJson = await cli(["download", ...cliFlags, "--format", "json", "--out", "-"]);
    expect(asJson).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(asJson.stdout)).toEqual(expected);
    const asNdjson = await cli(["download", ...cliFlags, "--format", "ndjson", "--out", "-"]);
    expect(asNdjson).toMatchObject({ code: 0, stderr: "" });
    expect(lines(asNdjson.stdout).map((l) => JSON.parse(l))).toEqual(expected);
  });

  it("the saved file read offline: readReport() and convert give the same rows", async () => {
    await serving(body);
    const dir = await tmp();
    const saved = await cli(["download", ...cliFlags, "--out", `${dir}/`]);
    expect(saved.code).toBe(0);
    const [name] = await readdir(dir);
    expect(name).toBe(file);
    const at = path.join(dir, name!);
    expect(await readFile(at)).toEqual(Buffer.from(body));
    const offline = await readReport(at);
    expect(offline.type).toBe("queueperformance");
    expect(await rowsOf(offline.rows({ withSection: true }))).toEqual(expected);
    expect(offline.columns).toMatchObject({ unknown: [], missing: [] });
    const converted = await cli(["convert", at, "--format", "ndjson"]);
    expect(converted).toMatchObject({ code: 0, stderr: "" });
    expect(lines(converted.stdout).map((l) => JSON.parse(l))).toEqual(expected);
    const out = path.join(dir, "rows.json");
    const toFile = await cli(["convert", at, "--out", out]);
    expect(toFile).toMatchObject({ code: 0, stdout: `${out}\n`, stderr: "" });
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual(expected);
  });
});

describe("an empty report: the header and a Total row of zeros", () => {
  it("is empty for the library, offline too", async () => {
    await serving(emptyExport);
    const pbxClient = createYeastarClient({ baseUrl: pbx!.baseUrl, ...credentials, maxRetries: 0 });
    const report = await pbxClient.downloadReport(query);
    expect(await rowsOf(report.rows())).toEqual([]);
    expect(report.empty).toBe(true);
    const saved = await pbxClient.downloadReport(query);
    await saved.saveTo(`${await tmp()}/`);
    expect(saved.empty).toBe(true);
    await pbxClient.close();
  });

  it("exits 3 with --fail-on-empty (download and convert), 0 without", async () => {
    await serving(emptyExport);
    const dir = await tmp();
    const download = await cli(["download", ...cliFlags, "--out", `${dir}/`, "--fail-on-empty"]);
    expect(download.code).toBe(3);
    expect(download.stderr).toMatch(/holds no data row/);
    const at = path.join(dir, file);
    expect((await cli(["convert", at, "--fail-on-empty"])).code).toBe(3);
    const lenient = await cli(["convert", at]);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)).toEqual([
      expect.objectContaining({ _section: "total", Queue: "Total", "Total Calls": "0" }),
    ]);
  });
});

describe("a column the spec does not know", () => {
  it("is named once by the library, with where to add it", async () => {
    await serving(unknownColumnExport);
    const warnings: string[] = [];
    const pbxClient = createYeastarClient({
      baseUrl: pbx!.baseUrl,
      ...credentials,
      maxRetries: 0,
      logger: { warn: (m) => warnings.push(m) },
    });
    const report = await pbxClient.downloadReport({ ...query, need_detail: 0 });
    const rows = await rowsOf(report.rows());
    expect(rows).toEqual([expect.objectContaining({ Queue: "Sales<6400>", SLA: "90%" })]);
    expect(report.columns?.unknown).toEqual(["SLA"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"SLA".*x-columns in spec\/schemas\/reports\/queueperformance\.yaml/);
    await pbxClient.close();
  });

  it("is warned of once saveTo ends when there is a logger; without one, found when columns asks", async () => {
    await serving(unknownColumnExport);
    const dir = await tmp();
    for (const logged of [true, false]) {
      const warnings: string[] = [];
      const logger = logged ? { logger: { warn: (m: string) => void warnings.push(m) } } : {};
      const pbxClient = createYeastarClient({ baseUrl: pbx!.baseUrl, ...credentials, maxRetries: 0, ...logger });
      const report = await pbxClient.downloadReport({ ...query, need_detail: 0 });
      await report.saveTo(`${dir}/`, { overwrite: true });
      expect(warnings, `logger: ${logged}`).toHaveLength(logged ? 1 : 0);
      expect(report.columns?.unknown, `logger: ${logged}`).toEqual(["SLA"]);
      expect(report.empty, `logger: ${logged}`).toBe(false);
      await pbxClient.close();
    }
  });

  it("is one line on stderr of download and convert, none with -q", async () => {
    await serving(unknownColumnExport);
    const dir = await tmp();
    const run = await cli([
      "download",
      ...flags,
      "--end-time",
      "2024-06-01 23:59:59",
      "--format",
      "ndjson",
      "--out",
      "-",
    ]);
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^warning: columns: .*"SLA"/)]);
    const quiet = await cli(["download", ...flags, "--end-time", "2024-06-01", "--format", "json", "--out", "-", "-q"]);
    expect(quiet).toMatchObject({ code: 0, stderr: "" });
    const at = path.join(dir, file);
    await writeFile(at, unknownColumnExport);
    expect(lines((await cli(["convert", at])).stderr)).toEqual([expect.stringMatching(/^warning: columns: .*"SLA"/)]);
    expect((await cli(["convert", at, "-q"])).stderr).toBe("");
  });
});

describe("convert: what it refuses", () => {
  it("a missing file: exit 2, said", async () => {
    const run = await cli(["convert", path.join(await tmp(), "nosuch.csv")]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/nosuch\.csv: no such file/);
  });

  it("a file that is not CSV: exit 1, nothing parsed, the PBX setting named", async () => {
    const dir = await tmp();
    const at = path.join(dir, "QueuePerformance-20240601.xls");
    await writeFile(
      at,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    );
    const run = await cli(["convert", at, "--format", "ndjson"]);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toMatch(/Excel \(XLS\) file, not CSV.*download format to CSV/);
    const out = path.join(dir, "rows.json");
    expect((await cli(["convert", at, "--out", out])).code).toBe(1);
    expect(await readdir(dir)).toEqual(["QueuePerformance-20240601.xls"]);
  });

  it("an unknown --type or --encoding: exit 2, with what is valid", async () => {
    const at = path.join(await tmp(), file);
    await writeFile(at, inlineExport);
    const type = await cli(["convert", at, "--type", "queueperformence"]);
    expect(type).toMatchObject({ code: 2, stdout: "" });
    expect(type.stderr).toMatch(/did you mean queueperformance/);
    const encoding = await cli(["convert", at, "--encoding", "klingon"]);
    expect(encoding).toMatchObject({ code: 2, stdout: "" });
    expect(encoding.stderr).toMatch(/gb18030/);
  });
});

describe("download --format json of a file that is not CSV", () => {
  it.each([
    ["xls", "QueuePerformance-20240601.xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(508)])],
    ["xlsx", "QueuePerformance-20240601.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200)])],
    ["pdf", "QueuePerformance-20240601.pdf", Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n")],
    ["html", "QueuePerformance-20240601.html", Buffer.from("<!DOCTYPE html><html><body><table></table></body></html>")],
  ])("%s: exit 1, nothing written; as csv it is saved under its own name", async (_kind, name, body) => {
    await serving(body, name);
    const dir = await tmp();
    const refused = await cli(["download", ...cliFlags, "--format", "json", "--out", `${dir}/`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not CSV: nothing was parsed/);
    expect(await readdir(dir)).toEqual([]);
    const saved = await cli(["download", ...cliFlags, "--out", `${dir}/{type}-{file}`]);
    expect(saved.code).toBe(0);
    expect(await readdir(dir)).toEqual([`queueperformance-${name}`]);
    expect(await readFile(path.join(dir, `queueperformance-${name}`))).toEqual(body);
  });
});

/** A control character but newline (C0, DEL, C1): none may reach the terminal as it came. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("what the PBX sends reaches the terminal with its control characters made visible", () => {
  it("a column name and an errmsg carrying escapes (C0, C1, CR)", async () => {
    await serving("Queue,Total Calls,\u009b2J\u001b]0;owned\u0007\rSLA\r\nSales<6400>,1,9\r\n");
    const run = await cli(["download", ...flags, "--end-time", "2024-06-01", "--format", "ndjson", "--out", "-"]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stderr).not.toMatch(control);
    expect(run.stderr).toContain("\\u009b2J");
    await pbx!.close();
    pbx = await hostilePbx({
      "GET /openapi/v1.0/call_report/download": (_req, res) =>
        json(res, { errcode: 40002, errmsg: "BAD\u001b[2J\u009b31m\rPARAM" }),
    });
    const failed = await cli(["download", ...cliFlags, "--out", "-"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("BAD\\u001b[2J\\u009b31m\\u000dPARAM");
    expect(failed.stderr).not.toMatch(control);
  });
});
