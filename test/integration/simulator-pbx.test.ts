// Tokens, the PBX clock, API versions and Get Menu Options of the simulator (issue 3, points 2, 3, 4, 7).
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";
import { accessToken, apiGet, fetchFile, getToken, report, reportText, UA } from "../helpers/raw.js";

let sim: Simulator;
const start = async (options: SimulatorOptions = {}) => (sim = await startSimulator(options));
afterEach(() => sim?.close());

const info = (token: string) => apiGet(sim, "/openapi/v1.0/system/information", {}, token);

describe("tokens", () => {
  it("issues a pair with the documented lifetimes, and refuses wrong credentials with -1", async () => {
    await start();
    const reply = await getToken(sim);
    expect(reply).toMatchObject({
      errcode: 0,
      errmsg: "SUCCESS",
      access_token_expire_time: 1800,
      refresh_token_expire_time: 86400,
    });
    expect(reply.access_token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await getToken(sim, { username: sim.clientId, password: "wrong" })).toEqual({
      errcode: -1,
      errmsg: "FAILURE",
      invalid_param_list: [{ field: "username or password", value: "error" }],
    });
  });

  it("blocks the IP after 5 failed logins in a row, with block_expire_time, and the block holds", async () => {
    await start({ blockSeconds: 600 });
    for (let i = 0; i < 4; i++) expect((await getToken(sim, { username: "x", password: "y" })).errcode).toBe(-1);
    const blocked = await getToken(sim, { username: "x", password: "y" });
    expect(blocked.errcode).toBe(70004);
    expect(blocked.errmsg).toBe("ACCOUNT IP BLOCKED");
    expect(blocked.block_expire_time).toBe(Math.floor(sim.clock.now() / 1000) + 600);
    expect((await getToken(sim)).errcode).toBe(70004);
    sim.clock.advance(601_000);
    expect((await getToken(sim)).errcode).toBe(0);
  });

  it("a successful login resets the count of failures", async () => {
    await start();
    for (let i = 0; i < 4; i++) await getToken(sim, { username: "x", password: "y" });
    expect((await getToken(sim)).errcode).toBe(0);
    for (let i = 0; i < 4; i++) expect((await getToken(sim, { username: "x", password: "y" })).errcode).toBe(-1);
  });

  it("caps valid access tokens at 8 (60002), and an expired one frees a place", async () => {
    await start();
    for (let i = 0; i < 8; i++) expect((await getToken(sim)).errcode).toBe(0);
    expect(await getToken(sim)).toEqual({ errcode: 60002, errmsg: "MAX LIMITATION EXCEEDED" });
    sim.clock.advance(1801_000);
    expect((await getToken(sim)).errcode).toBe(0);
  });

  it("refresh_token gives a new pair; the old refresh token is then unusable", async () => {
    await start();
    const first = await getToken(sim);
    const refresh = (refresh_token: string) =>
      fetch(`${sim.baseUrl}/openapi/v1.0/refresh_token`, {
        method: "POST",
        headers: { ...UA, "content-type": "application/json" },
        body: JSON.stringify({ refresh_token }),
      }).then((r) => r.json() as Promise<Record<string, any>>);
    const second = await refresh(first.refresh_token);
    expect(second).toMatchObject({ errcode: 0, access_token_expire_time: 1800 });
    expect(second.access_token).not.toBe(first.access_token);
    expect((await info(second.access_token)).errcode).toBe(0);
    expect(await refresh(first.refresh_token)).toEqual({ errcode: 10004, errmsg: "TOKEN EXPIRED" });
  });

  it("answers 10004 for an expired or revoked token on every endpoint, the file download and the WebSocket included", async () => {
    await start({ accessTokenLifetime: 60 });
    const token = await accessToken(sim);
    const ready = await report(
      sim,
      { type: "ivr", ivr_id_list: "1", start_time: "2024/05/01 00:00:00", end_time: "2024/05/01 23:59:59" },
      token,
    );
    sim.clock.advance(61_000);
    const expired = { errcode: 10004, errmsg: "TOKEN EXPIRED" };
    expect(await info(token)).toEqual(expired);
    expect(await apiGet(sim, "/openapi/v1.0/system/get_menuoptions", { menu: "queue" }, token)).toEqual(expired);
    expect(await report(sim, { type: "ivr", ivr_id_list: "1" }, token)).toEqual(expired);
    expect(await (await fetchFile(sim, ready.download_resource_url, token)).json()).toEqual(expired);
    const ws = new WebSocket(`${sim.baseUrl.replace("http", "ws")}/openapi/v1.0/subscribe?access_token=${token}`, {
      headers: UA,
    });
    const [message, close] = await Promise.all([
      new Promise<string>((resolve) => ws.once("message", (d) => resolve(d.toString()))),
      new Promise<number>((resolve) => ws.once("close", (code) => resolve(code))),
    ]);
    expect(JSON.parse(message)).toEqual(expired);
    expect(close).toBe(1008);

    const fresh = await accessToken(sim);
    expect((await apiGet(sim, "/openapi/v1.0/del_token", {}, fresh)).errcode).toBe(0);
    expect(await info(fresh)).toEqual(expired);
    expect(await apiGet(sim, "/openapi/v1.0/system/information", {})).toEqual(expired);
  });
});

describe("the PBX clock", () => {
  const at = Date.UTC(2026, 6, 30, 13, 31, 37); // 2026-07-30 13:31:37 UTC

  it.each([
    [{ dateFormat: "YYYY/MM/DD", clock: 24, utcOffsetMinutes: 480 }, "2026/07/30 21:31:37", "hh:mm:ss"],
    [{ dateFormat: "DD/MM/YYYY", clock: 12, utcOffsetMinutes: 480 }, "30/07/2026 09:31:37 PM", "hh:mm:ss PM"],
    [{ dateFormat: "MM/DD/YYYY", clock: 12, timeZone: "America/New_York" }, "07/30/2026 09:31:37 AM", "hh:mm:ss AM"],
    [{ dateFormat: "MM/DD/YYYY", clock: 24, timeZone: "Europe/Berlin" }, "07/30/2026 15:31:37", "hh:mm:ss"],
  ] as const)("system/information for %o", async (options, system_time, system_time_format) => {
    await start({ ...options, startTime: at });
    const reply = await info(await accessToken(sim));
    // The vendor's shape: the facts under `data`, up_time an integer of seconds.
    expect(reply).toMatchObject({
      errcode: 0,
      errmsg: "SUCCESS",
      data: {
        system_date_format: options.dateFormat,
        system_time_format,
        firmware_version: "37.23.0.123",
        model_name: "Yeastar P570",
      },
    });
    expect(reply).not.toHaveProperty("system_date_format");
    expect(reply.data.system_time).toBe(system_time);
    expect(Number.isInteger(reply.data.up_time)).toBe(true);
    expect(Math.abs(reply.data.timestamp - at / 1000)).toBeLessThanOrEqual(2);
  });

  it("refuses an unknown zone or date format at start", async () => {
    await expect(startSimulator({ timeZone: "Mars/Olympus" })).rejects.toThrow(/unknown time zone/);
    await expect(startSimulator({ dateFormat: "YYYY-MM-DD" as never })).rejects.toThrow(/dateFormat must be one of/);
  });
});

describe("API versions", () => {
  const q = { type: "ivr", ivr_id_list: "1", start_time: "2024/05/01 00:00:00", end_time: "2024/05/02 00:00:00" };

  it("firmware x.21.0.117 or later: reports on v2.0; v1.0 answers 0 with an empty report; token and system calls only on v1.0", async () => {
    await start({ firmwareVersion: "37.21.0.117" });
    const token = await accessToken(sim);
    const v2 = await reportText(sim, q, token, "v2.0");
    const v1 = await reportText(sim, q, token, "v1.0");
    expect(v2.split("\r\n").length).toBeGreaterThan(3);
    expect(v1).toBe("IVR,Total Calls,Answered,Abandoned,Timeout,Invalid Input\r\n");
    expect(await apiGet(sim, "/openapi/v2.0/system/information", {}, token)).toEqual({
      errcode: 10001,
      errmsg: "INTERFACE NOT EXISTED",
    });
    const res = await fetch(`${sim.baseUrl}/openapi/v2.0/get_token`, { method: "POST", headers: UA, body: "{}" });
    expect(await res.json()).toEqual({ errcode: 10001, errmsg: "INTERFACE NOT EXISTED" });
    expect(await apiGet(sim, "/openapi/v3.0/system/information", {}, token)).toEqual({
      errcode: 10003,
      errmsg: "API VERSION UNSUPPORTED",
    });
  });

  it("older firmware serves reports on v1.0 and does not know v2.0", async () => {
    await start({ firmwareVersion: "37.20.0.99" });
    const token = await accessToken(sim);
    expect((await reportText(sim, q, token, "v1.0")).split("\r\n").length).toBeGreaterThan(3);
    expect(await report(sim, q, token, "v2.0")).toEqual({ errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
  });
});

describe("Get Menu Options", () => {
  it("lists the IDs that reports use", async () => {
    await start();
    const token = await accessToken(sim);
    const menu = (menu: string, id?: string) =>
      apiGet(sim, "/openapi/v1.0/system/get_menuoptions", id ? { menu, id } : { menu }, token);
    for (const name of ["extension", "ext_group", "trunk", "ivr", "ring_group", "queue"]) {
      const reply = await menu(name);
      expect(reply.errcode, name).toBe(0);
      expect(reply.data.length, name).toBeGreaterThan(0);
      for (const option of reply.data)
        expect(option).toEqual({ text: expect.any(String), value: expect.stringMatching(/^\d+$/) });
    }
    const agents = await menu("queue_agent", "2");
    expect(agents.data.map((o: { text: string }) => o.text)).toEqual([
      "1003 - Chloé Dubois",
      "1004 - Dmitri Ivanov",
      "1005 - Emma Wilson",
      "1006 - Farid Haddad",
    ]);
    expect((await menu("queue_agent")).invalid_param_list).toEqual([{ field: "id", value: "" }]);
    expect((await menu("nosuch")).errcode).toBe(40002);

    const csv = await reportText(
      sim,
      {
        type: "queueagentperformance",
        queue_id: "2",
        agent_id_list: agents.data[1].value,
        start_time: "2024/05/01 00:00:00",
        end_time: "2024/05/01 23:59:59",
      },
      token,
    );
    const names = csv
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(",")[0]);
    expect(names).toEqual(["1004 - Dmitri Ivanov", "Total"]);
  });
});

describe("latency", () => {
  it("latencyMs makes every answer that late (the fleet benchmark's round trip); 0 by default", async () => {
    await start({ latencyMs: 150 });
    const token = await accessToken(sim);
    const t0 = performance.now();
    expect((await info(token)).errcode).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    await sim.close();
    await start();
    expect(sim.settings.latencyMs).toBe(0);
  });
});
