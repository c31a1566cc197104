// The simulator checks every report query against spec/ (issue 3, point 1) over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { allTypes, fullQuery, table } from "../helpers/queries.js";
import { accessToken, report, reportText, UA } from "../helpers/raw.js";

const mdy24 = { date: "MM/DD/YYYY", clock: 24 } as const;
let sim: Simulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ dateFormat: "MM/DD/YYYY", clock: 24 });
  token = await accessToken(sim);
});
afterAll(() => sim.close());

describe("the vendor page's example", () => {
  const example = {
    type: "queuesatisfaction",
    start_time: "04/01/2022 00:00:00",
    end_time: "05/31/2022 23:59:59",
    queue_id: "1",
  };

  it("succeeds on a MM/DD/YYYY 24-hour PBX and the file downloads", async () => {
    const reply = await report(sim, example, token);
    expect(reply).toMatchObject({ errcode: 0, errmsg: "SUCCESS" });
    expect(reply.file).toMatch(/^QueueSatisfaction-.*\.csv$/);
    expect(reply.download_resource_url).toBe(`/api/download/${reply.file}`);
    const csv = await reportText(sim, example, token);
    expect(csv.split("\r\n")[0]).toBe(
      "Queue,KEY: 1(5 Points),KEY: 2(3 Points),KEY: 3(1 Points),Total KEY,Total Points,Average Points",
    );
    expect(csv).toContain("6400 - Sales");
  });

  it.each([
    ["a dashed date", "04-01-2022"],
    ["a DD/MM/YYYY date", "31/05/2022 23:59:59"],
    ["a 12-hour time", "04/01/2022 09:00:00 AM"],
    ["an ISO time", "2022-04-01T00:00:00"],
  ])("refuses %s with the valid format in valid_msg", async (_, start_time) => {
    const reply = await report(sim, { ...example, start_time }, token);
    expect(reply).toEqual({
      errcode: 40002,
      errmsg: "PARAMETER ERROR",
      invalid_param_list: [
        {
          field: "start_time",
          value: start_time,
          valid_msg: "start_time format invalid, valid format: 01/02/2006 15:04:05",
        },
      ],
    });
  });

  it("states the valid format as a Go layout like the live PBX on a DD/MM/YYYY 12-hour PBX", async () => {
    sim.settings.dateFormat = "DD/MM/YYYY";
    sim.settings.clock = 12;
    try {
      const reply = await report(sim, example, token);
      expect(reply.invalid_param_list[0].valid_msg).toBe(
        "start_time format invalid, valid format: 02/01/2006 03:04:05 PM",
      );
      expect(
        (
          await report(
            sim,
            { ...example, start_time: "01/04/2022 12:00:00 AM", end_time: "31/05/2022 11:59:59 PM" },
            token,
          )
        ).errcode,
      ).toBe(0);
    } finally {
      sim.settings.dateFormat = "MM/DD/YYYY";
      sim.settings.clock = 24;
    }
  });
});

describe("query checks from the spec", () => {
  it("answers -2 for an unknown type, as a live PBX does", async () => {
    expect(await report(sim, { type: "nosuch" }, token)).toEqual({ errcode: -2, errmsg: "INTERNAL SERVER ERROR" });
  });

  it.each(allTypes)(
    "%s: succeeds with all its parameters, fails without each required one, with a foreign one, or a bad enum",
    async (type) => {
      const full = fullQuery(type, mdy24);
      expect((await report(sim, full, token)).errcode, JSON.stringify(full)).toBe(0);
      for (const [name, p] of Object.entries(table[type]!.parameters)) {
        if (p.required && name !== "type") {
          const { [name]: _, ...without } = full;
          const reply = await report(sim, without, token);
          expect(reply.errcode).toBe(40002);
          expect(reply.invalid_param_list).toContainEqual(
            expect.objectContaining({ field: name, validation_type: "required" }),
          );
        }
        if (p.enum && name !== "type") {
          const reply = await report(sim, { ...full, [name]: "bogus" }, token);
          expect(reply.errcode).toBe(40002);
          expect(reply.invalid_param_list).toContainEqual(expect.objectContaining({ field: name, value: "bogus" }));
        }
      }
      const foreign = ["queue_id", "time", "start_time", "ext_id_list", "need_detail"].find(
        (n) => !(n in table[type]!.parameters),
      )!;
      const reply = await report(sim, { ...full, [foreign]: "1" }, token);
      expect(reply.errcode).toBe(40002);
      expect(reply.invalid_param_list).toContainEqual(
        expect.objectContaining({ field: foreign, validation_type: "not_supported" }),
      );
    },
  );

  it("checks time buckets in the date display order", async () => {
    const q = { type: "extcallactivity", ext_id_list: "1" };
    for (const time of ["05/03/2024", "05/2024", "2024"])
      expect((await report(sim, { ...q, time }, token)).errcode, time).toBe(0);
    for (const time of ["2024/05/03", "2024-05", "13/2024", "5/2024"]) {
      const reply = await report(sim, { ...q, time }, token);
      expect(reply.invalid_param_list, time).toEqual([
        { field: "time", value: time, valid_msg: "time format invalid, valid format: 01/02/2006 or 01/2006 or 2006" },
      ]);
    }
  });

  it("refuses a request without a User-Agent", async () => {
    const res = await fetch(`${sim.baseUrl}/openapi/v1.0/system/information?access_token=${token}`, {
      headers: { "user-agent": "" },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/User-Agent/);
  });

  it("logs every request with the token redacted", async () => {
    const before = sim.requests.length;
    await report(sim, { type: "ivr", ivr_id_list: "1" }, token);
    const logged = sim.requests[before]!;
    expect(logged).toMatchObject({
      method: "GET",
      path: "/openapi/v2.0/call_report/download",
      query: { type: "ivr", ivr_id_list: "1", access_token: "[redacted]" },
    });
    expect(logged.headers["user-agent"]).toBe(UA["user-agent"]);
    expect(JSON.stringify(sim.requests)).not.toContain(token);
  });

  it("keeps only the latest settings.requestLog requests (0: none), so that a running simulator stays bounded", async () => {
    const ask = (i: number) => fetch(`${sim.baseUrl}/openapi/v1.0/system/information?i=${i}`, { headers: UA });
    try {
      sim.settings.requestLog = 3;
      for (let i = 0; i < 5; i++) await (await ask(i)).text();
      expect(sim.requests.map((r) => r.query.i)).toEqual(["2", "3", "4"]);
      sim.settings.requestLog = 0;
      await (await ask(5)).text();
      expect(sim.requests).toEqual([]);
    } finally {
      sim.settings.requestLog = 10_000;
    }
  });
});
