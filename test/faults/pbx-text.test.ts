// Issue 21, rows 7 and 8: text a PBX sends reaches messages and the terminal. A PBX that echoes the request URL in
// errmsg, valid_msg or an HTML <title> put the access token on stderr; terminal escapes in its names and messages
// reached stderr and stdout raw (retitle, clear the screen, a fake "All reports saved"). Now one sanitiser
// (src/secrets.ts) redacts and escapes every such text, in messages, in the errors' properties, and on screen.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createYeastarClient, type YeastarApiError } from "../../src/index.js";
import { vendor } from "../contract/vendor-examples.js";
import { runCli } from "../helpers/cli.js";
import { credentials, type Handler, type Hostile, hostilePbx, json } from "./hostile.js";

const token = vendor.getToken.body.access_token;
const refresh = vendor.getToken.body.refresh_token;
/** OSC retitle, clear screen, carriage return over the line, a fake success line, bell. */
const hostile = "\u001b]0;pwned\u0007\u001b[2J\rAll reports saved\u001b[0m";

let pbx: Hostile;
afterEach(() => pbx?.close());
afterAll(() => rmSync(out, { recursive: true, force: true }));

const env = () => ({
  ...process.env,
  YEASTAR_BASE_URL: pbx.baseUrl,
  YEASTAR_CLIENT_ID: credentials.clientId,
  YEASTAR_CLIENT_SECRET: credentials.clientSecret,
});
const out = mkdtempSync(path.join(tmpdir(), "pbx-text-"));
const download = ["download", "--type", "queuesatisfaction", "--queue-id", "1", "--out", `${out}/`, "--retries", "0"];
const query = { type: "queueperformance", queue_id_list: "1", start_time: "2024-05-01", end_time: "2024-05-31" };

/** Echoes what it was sent: the URL (with the token), the token itself, and terminal escapes. */
const echoing: Handler = (req, res) =>
  json(res, {
    errcode: 40002,
    errmsg: `PARAMETER ERROR ${req.url} ${hostile}`,
    invalid_param_list: [
      { field: "start_time", value: token, valid_msg: `start_time format invalid, seen in ${req.url}; ${hostile}` },
    ],
  });

/** Everything a caller can see of an error: its message, its properties, its causes. */
const everything = (error: unknown) => `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`;

describe("row 7: no token or secret in what the PBX echoes", () => {
  it("errmsg and valid_msg that quote the URL: redacted on stderr", async () => {
    pbx = await hostilePbx({ "GET /openapi/v1.0/call_report/download": echoing });
    const run = await runCli(download, { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("access_token=[redacted]");
    for (const secret of [token, refresh, credentials.clientSecret]) {
      expect(run.stderr).not.toContain(secret);
      expect(run.stdout).not.toContain(secret);
    }
  });

  it("the thrown error: message, errmsg, invalid_param_list and causes hold neither token nor escape", async () => {
    pbx = await hostilePbx({ "GET /openapi/v1.0/call_report/download": echoing });
    const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, maxRetries: 0 });
    const error = (await client.downloadReport(query as never).catch((e: unknown) => e)) as YeastarApiError;
    await client.close();
    expect(error.errcode).toBe(40002);
    expect(error.errmsg).toContain("access_token=[redacted]");
    expect(error.invalid_param_list[0]?.value).toBe("[redacted]");
    const seen = everything(error);
    expect(seen).not.toContain(token);
    expect(seen).not.toContain("\u001b");
  });

  it("an HTML page titled with the URL: redacted", async () => {
    pbx = await hostilePbx({
      "GET /api/download/": (req, res) =>
        res.writeHead(200, { "content-type": "text/html" }).end(`<html><title>${req.url} ${hostile}</title></html>`),
    });
    const run = await runCli(download, { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/an HTML page titled ".*access_token=\[redacted\]/);
    expect(run.stderr).not.toContain(token);
  });

  it("a bare token in errmsg: redacted in the message and in the error's errmsg", async () => {
    pbx = await hostilePbx({
      "GET /openapi/v1.0/system/information": (_req, res) =>
        json(res, { errcode: 10002, errmsg: `token ${token} refused ${hostile}` }),
    });
    const run = await runCli(["info"], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("token [redacted] refused");
    expect(run.stderr).not.toContain(token);
    const client = createYeastarClient({ baseUrl: pbx.baseUrl, ...credentials, maxRetries: 0 });
    const info = await client.pbxInfo().catch((e: unknown) => e);
    await client.close();
    expect(everything(info)).not.toContain(token);
    expect((info as YeastarApiError).errmsg).toMatch(/^token \[redacted\] refused \\u001b\]0;pwned/);
  });
});

describe("row 8: no terminal escape from the PBX on stderr or stdout", () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const raw = /[\u0007\u001b\r\u009b]/;

  it("scheduled names, pause reasons, menu options and the PBX's model are shown escaped", async () => {
    const list = { errcode: 0, errmsg: "SUCCESS", total_number: 1, data: [{ id: 1, name: hostile, format: "csv" }] };
    const reasons = { errcode: 0, errmsg: "SUCCESS", data: [{ code: "*01", reason: `Lunch${hostile}` }] };
    const options = { errcode: 0, errmsg: "SUCCESS", data: [{ value: 1, text: `6400 - Sales${hostile}` }] };
    const information = vendor.systemInformationAppliance.body as { data?: Record<string, unknown> };
    pbx = await hostilePbx({
      "GET /openapi/v1.0/call_schedule_report/list": (_req, res) => json(res, list),
      "GET /openapi/v2.0/call_schedule_report/list": (_req, res) => json(res, list),
      "GET /openapi/v1.0/queue_pause_reason/list": (_req, res) => json(res, reasons),
      "GET /openapi/v1.0/system/get_menuoptions": (_req, res) => json(res, options),
      "GET /openapi/v1.0/system/information": (_req, res) =>
        json(res, { ...information, data: { ...information.data, model_name: `P570${hostile}` } }),
    });
    for (const args of [["scheduled", "list"], ["options", "pause-reasons"], ["options", "queue"], ["info"]]) {
      const run = await runCli(args, { env: env() });
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      expect(run.stdout, args.join(" ")).toContain("\\u001b]0;pwned\\u0007");
      expect(run.stdout, args.join(" ")).not.toMatch(raw);
      expect(run.stderr, args.join(" ")).not.toMatch(raw);
    }
  }, 30_000);

  it("an errmsg with escapes is one escaped line on stderr", async () => {
    pbx = await hostilePbx({ "GET /openapi/v1.0/call_report/download": echoing });
    const run = await runCli(download, { env: env() });
    expect(run.stderr).toContain("\\u001b[2J");
    expect(run.stderr).not.toMatch(raw);
  });
});
