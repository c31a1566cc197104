// Defects 4, 5, 7, 8 and 11: replies no PBX should send. Each is refused with a YeastarError that says what
// arrived; nothing is saved, nothing is sent anywhere but the configured PBX.

import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  createYeastarClient,
  type ReportQuery,
  YeastarConnectionError,
  YeastarDownloadError,
  YeastarError,
  YeastarReplyError,
} from "../../src/index.js";
import { vendor } from "../contract/vendor-examples.js";
import { credentials, type Handler, type Hostile, hostilePbx, json } from "./hostile.js";

let pbx: Hostile;
let other: Hostile | undefined;
afterEach(async () => {
  await pbx?.close();
  await other?.close();
  other = undefined;
});
const q: ReportQuery = { type: "queuesatisfaction", queue_id: 1, start_time: "2022-04-01", end_time: "2022-05-31" };
const client = (options = {}) =>
  createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, retryDelay: 1, ...options });
const fileRoute = (handler: Handler): Record<string, Handler> => ({ "GET /api/download/": handler });
const emptyDir = async () => mkdtemp(path.join(tmpdir(), "ycr-fault-"));

describe("4: an HTML page where the report should be", () => {
  const page = "<!DOCTYPE html><html><head><title>PBX Login</title></head><body>sign in</body></html>";
  it.each([
    ["text/html", page],
    ["text/csv", page],
    ["application/octet-stream", `\uFEFF  ${page}`],
  ])("served as %s: refused, named by its title, nothing saved", async (type, body) => {
    pbx = await hostilePbx(fileRoute((_req, res) => res.writeHead(200, { "content-type": type }).end(body)));
    const dir = await emptyDir();
    const pbxClient = client();
    const error = await (await pbxClient.downloadReport(q)).saveTo(`${dir}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as Error).message).toMatch(/an HTML page titled "PBX Login", not a report file/);
    expect(await readdir(dir)).toEqual([]);
    await pbxClient.close();
  });
});

describe("5: redirects are never followed", () => {
  const to =
    (target: () => string): Handler =>
    (_req, res) =>
      res.writeHead(307, { location: `${target()}/openapi/v1.0/get_token` }).end();

  it("a 307 on get_token does not carry the client ID and secret to another host; the error names its origin", async () => {
    other = await hostilePbx();
    pbx = await hostilePbx({ "POST /openapi/v1.0/get_token": to(() => other!.baseUrl) });
    const pbxClient = client();
    const error = await pbxClient.downloadReport(q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as Error).message).toContain(`HTTP 307, a redirect to ${other.baseUrl}; not followed`);
    expect(other.log).toEqual([]);
    expect(pbx.log).toEqual(["POST /openapi/v1.0/get_token"]);
  });

  it("a redirect of a report call or of the file is refused too, without sending the token there", async () => {
    other = await hostilePbx();
    const away: Handler = (_req, res) => res.writeHead(302, { location: `${other!.baseUrl}/elsewhere` }).end();
    for (const route of ["GET /openapi/v1.0/call_report/download", "GET /api/download/"]) {
      pbx = await hostilePbx({ [route]: away });
      const pbxClient = client();
      await expect(pbxClient.downloadReport(q).then((report) => report.text())).rejects.toThrow(
        /a redirect to http:\/\/127\.0\.0\.1:\d+; not followed/,
      );
      await pbxClient.close();
      await pbx.close();
    }
    expect(other.log).toEqual([]);
  });
});

describe("7: file names from the PBX", () => {
  it.each([
    ["control characters", "Report\u001b[31m\nnext.csv", "Report[31mnext.csv"],
    ["a NUL", "Rep\u0000ort.csv", "Report.csv"],
    ["a name over 255 bytes", `${"é".repeat(200)}.csv`, `${"é".repeat(125)}.csv`],
  ])("%s: stripped and capped, the extension kept", async (_what, file, saved) => {
    const reply = { ...vendor.callReportDownload.body, file, download_resource_url: "/api/download/x.csv" };
    pbx = await hostilePbx({ "GET /openapi/v1.0/call_report/download": (_req, res) => json(res, reply) });
    const dir = await emptyDir();
    const pbxClient = client();
    expect(await (await pbxClient.downloadReport(q)).saveTo(`${dir}/`)).toBe(path.join(dir, saved));
    expect(Buffer.byteLength(saved)).toBeLessThanOrEqual(255);
    await pbxClient.close();
  });
});

describe("8: no unbounded replies", () => {
  it("a JSON reply over 8 MiB is refused, saying the cap", async () => {
    const big = {
      errcode: 0,
      errmsg: "SUCCESS",
      file: "a.csv",
      download_resource_url: "/api/download/a.csv",
      pad: "x".repeat(9 * 1024 * 1024),
    };
    pbx = await hostilePbx({ "GET /openapi/v1.0/call_report/download": (_req, res) => json(res, big) });
    await expect(client({ maxRetries: 0 }).downloadReport(q)).rejects.toThrow(
      /larger than 8 MiB, the cap of a JSON reply/,
    );
  });

  it("a gzip bomb (40 KB on the wire, 40 MB decoded) is refused at the cap, not decoded whole", async () => {
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('{"errcode":0,"errmsg":"'), Buffer.alloc(40 * 1024 * 1024, 0x61), Buffer.from('"}')]),
    );
    expect(bomb.length).toBeLessThan(100 * 1024);
    pbx = await hostilePbx({
      "GET /openapi/v1.0/system/information": (_req, res) =>
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb),
    });
    await expect(client({ maxRetries: 0 }).downloadReport(q)).rejects.toThrow(/larger than 8 MiB/);
  });

  it("maxFileBytes refuses a larger file, by its Content-Length or as it arrives", async () => {
    const body = "a,b\r\n".repeat(1000);
    for (const withLength of [true, false]) {
      pbx = await hostilePbx(
        fileRoute((_req, res) =>
          res
            .writeHead(200, {
              "content-type": "text/csv",
              ...(withLength ? { "content-length": String(body.length) } : {}),
            })
            .end(body),
        ),
      );
      const dir = await emptyDir();
      const pbxClient = client({ maxFileBytes: 1000 });
      await expect((await pbxClient.downloadReport(q)).saveTo(`${dir}/`)).rejects.toThrow(YeastarDownloadError);
      expect(await readdir(dir)).toEqual([]);
      await pbxClient.close();
      await pbx.close();
    }
  });
});

describe("11: malformed replies are YeastarReplyErrors (a kind of YeastarConnectionError) that name what was wrong", () => {
  it.each([
    [
      "JSON null",
      "null",
      /malformed reply from GET \/openapi\/v1\.0\/call_report\/download: the reply is not a JSON object/,
    ],
    ["an array", "[]", /the reply is not a JSON object/],
    ["errcode a string", '{"errcode":"0","errmsg":"SUCCESS"}', /errcode is "0", not an integer/],
    ["errcode missing", '{"errmsg":"SUCCESS"}', /errcode is missing, not an integer/],
    [
      "file a number",
      '{"errcode":0,"errmsg":"SUCCESS","file":5,"download_resource_url":"/api/download/a.csv"}',
      /file is not a non-empty string/,
    ],
    ["not JSON", "{errcode: 0", /the PBX's answer is not valid JSON/],
  ])("%s", async (_what, body, message) => {
    pbx = await hostilePbx({
      "GET /openapi/v1.0/call_report/download": (_req, res) =>
        res.writeHead(200, { "content-type": "application/json" }).end(body),
    });
    const error = await client({ maxRetries: 0 })
      .downloadReport(q)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect(error).toBeInstanceOf(YeastarReplyError);
    expect((error as Error).name).toBe("YeastarReplyError");
    expect((error as Error).message).toMatch(message);
  });

  it("a token reply without a token, or a system/information that is not an object, is a YeastarError too", async () => {
    pbx = await hostilePbx({
      "POST /openapi/v1.0/get_token": (_req, res) => json(res, { errcode: 0, errmsg: "SUCCESS", access_token: 42 }),
    });
    const error = await client({ maxRetries: 0 })
      .downloadReport(q)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarReplyError);
    expect((error as Error).message).toMatch(/no access_token string/);
    await pbx.close();
    pbx = await hostilePbx({
      "GET /openapi/v1.0/system/information": (_req, res) =>
        res.writeHead(200, { "content-type": "application/json" }).end('"SUCCESS"'),
    });
    await expect(client({ maxRetries: 0 }).downloadReport(q)).rejects.toBeInstanceOf(YeastarError);
  });
});
