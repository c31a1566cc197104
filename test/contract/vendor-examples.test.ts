// The vendor's example replies (vendor-examples.ts) against the spec, and the client's default path against a
// plain stub that answers exactly those replies. After this, a shape the vendor documents and we do not read
// fails here; test/setup/reply-audit.ts holds the simulator to the same schemas.
import { afterEach, describe, expect, it } from "vitest";
import { createYeastarClient, type ReportQuery, YeastarNotFoundError } from "../../src/index.js";
import { startSimulator } from "../../src/simulator/index.js";
import { replyAudit, replyProblems } from "../../src/simulator/reply-check.js";
import { checkReportQuery } from "../../src/simulator/validate.js";
import { reportBytes, startStub } from "./stub.js";
import { thirdPartyStatistics } from "./third-party-statistics.js";
import { thirdParty, vendor, vendorRequests } from "./vendor-examples.js";

const q0: ReportQuery = { type: "ivr", ivr_id_list: 1 };

describe("every vendor example conforms to the spec's reply schemas (closed: no field the spec does not name)", () => {
  it.each(Object.entries(vendor))("%s", (_, example) => {
    expect(replyProblems(example.operation, example.status, example.body), example.source).toBeUndefined();
  });

  it("the check bites: the old flat shape of system/information, or item as a string, does not conform", () => {
    const { data, ...rest } = vendor.systemInformationAppliance.body;
    expect(replyProblems("GET /openapi/v1.0/system/information", "200", { ...rest, ...data })).toMatch(
      /additional properties \(system_date_format\)/,
    );
    expect(
      replyProblems("GET /openapi/v1.0/system/get_menuoptions", "200", {
        errcode: 0,
        errmsg: "SUCCESS",
        data: [{ text: "a", value: "1", item: "x" }],
      }),
    ).toMatch(/item must be array/);
  });
});

describe("the client's default path against the vendor's examples, served by a plain stub", () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  afterEach(() => stub?.close());
  const { username: clientId, password: clientSecret } = vendorRequests.credentials;
  const q: ReportQuery = {
    type: "queuesatisfaction",
    queue_id: 1,
    start_time: "2022-04-01T00:00:00",
    end_time: "2022-05-31T23:59:59",
  };
  const step = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

  it.each([
    ["Appliance", vendor.systemInformationAppliance.body],
    ["Software", vendor.systemInformationSoftware.body],
  ])(
    "downloads the vendor's example report with every option auto (%s edition's system/information)",
    async (_, systemInformation) => {
      stub = await startStub({ systemInformation });
      const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
      const report = await pbx.downloadReport(q);
      expect(report.file).toBe(vendor.callReportDownload.body.file);
      expect(await report.text()).toBe(reportBytes);
      await pbx.close();

      const token = vendor.getToken.body.access_token;
      expect(stub.requests.map(step)).toEqual([
        "POST /openapi/v1.0/get_token",
        "GET /openapi/v1.0/system/information",
        // Firmware X.7.0.16 is older than x.21.0.117: v1.0, as in the vendor's request example.
        "GET /openapi/v1.0/call_report/download",
        // {base_url}{download_resource_url}?access_token=… (vendorRequests.fileStep)
        `GET ${vendor.callReportDownload.body.download_resource_url}`,
        "GET /openapi/v1.0/del_token",
      ]);
      expect(stub.requests[0]!.body).toEqual({ username: clientId, password: clientSecret });
      // Times in the display format the vendor's system/information reports: YYYY/MM/DD, hh:mm:ss with 16:44:40
      // (24-hour).
      expect(stub.requests[2]!.query).toEqual({
        type: "queuesatisfaction",
        queue_id: "1",
        start_time: "2022/04/01 00:00:00",
        end_time: "2022/05/31 23:59:59",
        access_token: token,
      });
      expect(stub.requests.slice(1).map((r) => r.query.access_token)).toEqual([token, token, token, token]);
      const second = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
      const info = await second.pbxInfo();
      await second.close();
      expect(info).toMatchObject({
        apiVersion: "v1.0",
        format: { date: "YYYY/MM/DD", clock: 24 },
        utcOffsetMinutes: 480,
        information: { model_name: systemInformation.data.model_name },
      });
    },
  );

  it("reads a flat system/information too (not the vendor's shape, but no reason to fail)", async () => {
    const { data, ...rest } = vendor.systemInformationAppliance.body;
    stub = await startStub({ systemInformation: { ...rest, ...data } });
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    expect(await (await pbx.downloadReport(q)).text()).toBe(reportBytes);
    expect(stub.requests.find((r) => r.path.endsWith("call_report/download"))!.query.start_time).toBe(
      "2022/04/01 00:00:00",
    );
    await pbx.close();
  });

  it("names the missing field when system/information holds no display format, and sends no report request", async () => {
    stub = await startStub({ systemInformation: { errcode: 0, errmsg: "SUCCESS", data: {} } });
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    await expect(pbx.downloadReport(q)).rejects.toThrow(/holds no system_date_format .*pass displayFormat/);
    expect(stub.requests.map(step)).not.toContain("GET /openapi/v1.0/call_report/download");
    await pbx.close();
  });

  it("the async path: PROCESSING, then the vendor's event 30027 (lower-case success), then its file", async () => {
    stub = await startStub();
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    // The vendor's event names an Agent Performance file with details: ask for that report.
    const agents: ReportQuery = {
      type: "queueagentperformance",
      queue_id: 1,
      start_time: "2022-09-01",
      need_detail: 1,
    };
    const report = await pbx.downloadReport(agents, { async: true });
    expect(report.file).toBe("Sep-Agent-Performance_detail.csv");
    expect(await report.text()).toBe(reportBytes);
    await pbx.close();
    expect(stub.requests.map(step)).toContain("GET /api/download/Sep-Agent-Performance_detail.csv");
    expect(stub.requests.find((r) => r.method === "WS")!.query.access_token).toBe(vendor.getToken.body.access_token);
  });

  it("Scheduled call reports: the vendor's list and download examples through the client", async () => {
    stub = await startStub();
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    const listed = [];
    for await (const s of pbx.scheduledReports()) listed.push(s);
    expect(listed).toEqual(vendor.scheduledList.body.data);
    const report = await pbx.downloadScheduledReport(5);
    expect(report.file).toBe("Support.csv");
    expect(await report.text()).toBe(reportBytes);
    const missing = pbx.downloadScheduledReport(99);
    await expect(missing).rejects.toThrow(/errcode 60001 DATA NOT FOUND.*No scheduled report has id 99/);
    await expect(missing).rejects.toBeInstanceOf(YeastarNotFoundError);
    await pbx.close();
    expect(stub.requests.find((r) => r.path.endsWith("call_schedule_report/download"))!.query).toEqual({
      id: "5",
      access_token: vendor.getToken.body.access_token,
    });
  });

  it.each(Object.entries(thirdPartyStatistics))(
    "call_report/list of %s: the replies of a client checked against a live PBX fit the spec's statistics schemas",
    (_type, { source, body }) => {
      expect(replyProblems("GET /openapi/{api_version}/call_report/list", "200", body), source).toBe(undefined);
    },
  );

  it("call_report/list: the CSV's text where a number belongs does not fit (durations, rates, the time bucket)", () => {
    const list = (key: string, entry: Record<string, unknown>) => ({ errcode: 0, errmsg: "SUCCESS", [key]: [entry] });
    for (const wrong of [
      list("queue_performance_list", { average_waiting_time: "00:00:28" }),
      list("queue_performance_list", { answered_rate: "87.50%" }),
      list("queue_avg_wait_talk_time_list", { time: "09:00-09:59" }),
      list("ext_call_statistics_list", { ext_num: 1000 }),
    ]) {
      expect(replyProblems("GET /openapi/{api_version}/call_report/list", "200", wrong)).toBeDefined();
    }
  });

  it("Query Call Report List: the vendor's example request goes out as the vendor wrote it; the reply is typed", async () => {
    const { query } = vendorRequests.callReportList;
    const format = { date: "YYYY/MM/DD", clock: 12 } as const;
    expect(checkReportQuery(query, format), vendorRequests.callReportList.source).toMatchObject({ ok: true });
    expect(replyProblems("GET /openapi/{api_version}/call_report/list", "200", thirdParty.callReportList.body)).toBe(
      undefined,
    );
    // The Appliance example's system/information (firmware X.7.0.16: v1.0), set to 12-hour as the example is.
    const { data } = vendor.systemInformationAppliance.body;
    const twelveHour = { ...data, system_time_format: "hh:mm:ss AM/PM", system_time: "2022/04/16 09:00:00 AM" };
    stub = await startStub({ systemInformation: { ...vendor.systemInformationAppliance.body, data: twelveHour } });
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    const stats = await pbx.reportStatistics({
      type: "extcallstatistics",
      start_time: "2022-04-01T00:00:00",
      end_time: "2022-04-15T23:59:59",
      ext_id_list: [34],
      communication_type: "Inbound",
    });
    expect(stats.ext_call_statistics_list[0]?.answered_calls).toBe(9);
    await pbx.close();
    const sent = stub.requests.find((r) => r.path === "/openapi/v1.0/call_report/list")!.query;
    expect(sent).toEqual({ ...query, access_token: vendor.getToken.body.access_token });
  });

  it("Query Queue Pause Reason List: the vendor's example through the client", async () => {
    stub = await startStub();
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    expect(await pbx.pauseReasons()).toEqual(vendor.pauseReasons.body.data);
    await pbx.close();
    expect(stub.requests.find((r) => r.path.endsWith("queue_pause_reason/list"))!.query.access_token).toBe(
      vendor.getToken.body.access_token,
    );
  });

  it("Get Menu Options: value strings and sub-organisations as the vendor's table has them", async () => {
    stub = await startStub();
    const pbx = createYeastarClient({ baseUrl: stub.baseUrl, clientId, clientSecret });
    expect(await pbx.menuOptions("org_list")).toEqual(vendor.menuOptions.body.data);
    await pbx.close();
  });
});

describe("the simulator is held to the same schemas", () => {
  it("checks every JSON reply and event it sends (the audit of test/setup/reply-audit.ts is not idle)", async () => {
    const sim = await startSimulator();
    const before = replyAudit.checked;
    const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
    await (await pbx.downloadReport(q0, { async: true })).text();
    await pbx.close();
    await sim.close();
    // get_token, system/information, call_report/download (PROCESSING), event 30027, del_token
    expect(replyAudit.checked - before).toBeGreaterThanOrEqual(5);
  });
});
