// The spec against the vendor pages ("Download a Call Report": ../shared/reference/download-a-call-report.txt,
// the 20-type page; the newer pages of ../shared/reference/yeastar-newer-pages.md §1 add two types). The table
// below was transcribed from those pages, parameter by parameter, not read back from spec/: it stays hand-written.
import { beforeAll, describe, expect, it } from "vitest";
import { errcodes, reportTypes } from "../../generated/reports.js";
import { type BundledSpec, loadSpec, type SchemaObject } from "../../scripts/spec.js";

const range = ["start_time", "end_time"];
// type → [required parameters (besides type), optional parameters (besides is_async)]
const vendorPage: Record<string, [string[], string[]]> = {
  extcallstatistics: [["ext_id_list"], [...range, "communication_type"]],
  extcallactivity: [["time", "ext_id_list"], ["communication_type"]],
  trunkactivity: [
    ["time", "trunk_id_list"],
    ["include_internal", "communication_type"],
  ],
  trunkdiddodactivity: [["time", "trunk_id"], ["communication_type"]],
  ivr: [["ivr_id_list"], [...range, "need_detail"]],
  queueavgwaittalktime: [["time", "queue_id_list"], []],
  queueperformance: [["queue_id_list"], [...range, "abandon_time", "talk_time", "need_detail"]],
  queueperformanceactivity: [
    ["time", "queue_id_list"],
    ["abandon_time", "need_detail"],
  ],
  queuecallbackssummary: [["queue_id_list"], [...range]],
  queuecallbacksactivity: [["queue_id_list"], [...range, "callback_result"]],
  queuesatisfaction: [["queue_id"], [...range]],
  queuesatisfactiondetail: [["queue_id"], [...range, "agent_id_list"]],
  queueagentlogintime: [["queue_id"], [...range, "agent_id_list"]],
  queueagentpausetime: [["queue_id"], [...range, "agent_id_list", "reason"]],
  queueagentmisscalls: [["queue_id"], [...range, "agent_id_list", "abandon_time"]],
  queueagentperformance: [["queue_id"], [...range, "agent_id_list", "abandon_time", "need_detail"]],
  queueagentinoutcalls: [["queue_id"], [...range, "agent_id_list"]],
  ringgroupstatistics: [["ring_group_id_list"], [...range]],
  extcallbilling: [["trunk_id_list"], [...range, "ext_id_list"]],
  extcallbillingdetails: [["trunk_id_list"], [...range, "ext_id_list"]],
  // Newer pages (en Cloud/Software/Appliance with the x.21.0.117 note; zh-cn Cloud lists both with
  // start_time/end_time).
  aisttusage: [[], [...range]],
  unreturnmisscall: [[], [...range]],
};
const extensionReports = ["extcallstatistics", "extcallactivity"];
const trunkReports = ["trunkactivity", "trunkdiddodactivity"];

let bundled: BundledSpec;
let dereferenced: BundledSpec;
let members: SchemaObject[];
beforeAll(async () => {
  [bundled, dereferenced] = await Promise.all([loadSpec({ dereference: false }), loadSpec({ dereference: true })]);
  members = dereferenced.components.schemas.CallReportQuery!.oneOf!;
});
const member = (type: string) => members.find((m) => m.properties?.type?.const === type)!;

describe("the call-report query union", () => {
  it("has exactly the vendor pages' report types (20 on the older page, 22 on the newer ones)", () => {
    expect(members).toHaveLength(Object.keys(vendorPage).length);
    const consts = members.map((m) => m.properties?.type?.const);
    expect(new Set(consts).size).toBe(members.length);
    expect([...consts].sort()).toEqual(Object.keys(vendorPage).sort());
  });

  it("has a discriminator on type whose mapping keys equal each member's const", () => {
    const union = bundled.components.schemas.CallReportQuery!;
    expect(union.discriminator?.propertyName).toBe("type");
    const mapping = union.discriminator?.mapping ?? {};
    expect(Object.keys(mapping).sort()).toEqual(Object.keys(vendorPage).sort());
    for (const [key, ref] of Object.entries(mapping)) {
      const name = ref.replace("#/components/schemas/", "");
      expect(bundled.components.schemas[name]?.properties?.type?.const, `mapping ${key} → ${ref}`).toBe(key);
    }
  });

  it.each(Object.entries(vendorPage))(
    "%s takes exactly the vendor page's parameters and requires exactly its required ones",
    (type, [required, optional]) => {
      const m = member(type);
      expect(m.additionalProperties).toBe(false);
      expect(Object.keys(m.properties ?? {}).sort()).toEqual(["type", "is_async", ...required, ...optional].sort());
      expect([...(m.required ?? [])].sort()).toEqual(["type", ...required].sort());
    },
  );

  it("states each member's time kind: a range for start_time/end_time, a bucket for time", () => {
    for (const m of members) {
      const props = Object.keys(m.properties ?? {});
      expect(m["x-time-kind"]).toBe(props.includes("time") ? "bucket" : "range");
      if (m["x-time-kind"] === "range") expect(props).toEqual(expect.arrayContaining(range));
    }
  });

  it("uses the vendor's enums", () => {
    for (const type of extensionReports) {
      expect(member(type).properties!.communication_type!.enum).toEqual(["Inbound", "Outbound", "Internal"]);
    }
    for (const type of trunkReports) {
      expect(member(type).properties!.communication_type!.enum).toEqual(["Inbound", "Outbound"]);
    }
    for (const m of members) {
      for (const name of ["include_internal", "need_detail", "is_async"]) {
        if (m.properties?.[name]) expect(m.properties[name]!.enum).toEqual([0, 1]);
      }
    }
    expect(member("queuecallbacksactivity").properties!.callback_result!.enum).toEqual(["success", "fail"]);
  });

  it("sends the query as one form-exploded parameter", () => {
    const op: any = bundled.paths["/openapi/{api_version}/call_report/download"]!.get;
    const query = op.parameters.find((p: any) => p.in === "query");
    expect(query).toMatchObject({ style: "form", explode: true, required: true });
    const version = op.parameters.find((p: any) => p.in === "path");
    expect(version.schema.enum).toEqual(["v1.0", "v2.0"]);
  });

  it("carries the vendor page's example request", () => {
    const op: any = bundled.paths["/openapi/{api_version}/call_report/download"]!.get;
    const query = op.parameters.find((p: any) => p.in === "query");
    expect(Object.values(query.examples).map((e: any) => e.value)).toContainEqual({
      type: "queuesatisfaction",
      start_time: "04/01/2022 00:00:00",
      end_time: "05/31/2022 23:59:59",
      queue_id: "1",
    });
  });
});

describe("the generated runtime table", () => {
  it("lists the same report types, parameters and required flags as the spec", () => {
    expect(Object.keys(reportTypes).sort()).toEqual(Object.keys(vendorPage).sort());
    for (const [type, [required, optional]] of Object.entries(vendorPage)) {
      const params = (reportTypes as Record<string, { parameters: Record<string, { required: boolean }> }>)[type]!
        .parameters;
      expect(Object.keys(params).sort()).toEqual(["type", "is_async", ...required, ...optional].sort());
      for (const [name, p] of Object.entries(params))
        expect(p.required, `${type}.${name}`).toBe(name === "type" || required.includes(name));
    }
  });

  it("has the errcode catalogue of the reference, each with its errmsg", () => {
    const expected: Record<number, string> = {
      [-2]: "INTERNAL SERVER ERROR",
      [-1]: "FAILURE",
      0: "SUCCESS",
      1: "PARTIAL SUCCESS",
      2: "PROCESSING",
      10001: "INTERFACE NOT EXISTED",
      10002: "API VERSION OUT OF MAINTENANCE",
      10003: "API VERSION UNSUPPORTED",
      10004: "TOKEN EXPIRED",
      10005: "ACCESS DENIED",
      40001: "PARAMETER SYNTAX ERROR",
      40002: "PARAMETER ERROR",
      40003: "DUPLICATE KEY VALUE",
      40004: "FILE SIZE EXCEEDED",
      60001: "DATA NOT FOUND",
      60002: "MAX LIMITATION EXCEEDED",
      60101: "ROLE NOT EXISTED",
      70004: "ACCOUNT IP BLOCKED",
      70082: "OVERLOAD_TASK_RUNNING",
      70084: "ACTION FORBIDDEN",
      70087: "IP FORBIDDEN",
      70091: "CONNECTION_RELATION_EXISTED",
      70093: "PHONEBOOK_NOT_EXISTED",
      70106: "RATE_NOT_EXISTED",
      70120: "ORGANIZATION DISABLED",
    };
    const actual = Object.fromEntries(Object.entries(errcodes).map(([code, e]) => [code, e.errmsg]));
    expect(actual).toEqual(Object.fromEntries(Object.entries(expected)));
    expect(errcodes["10004"].kind).toBe("token");
    expect(errcodes["10003"].kind).toBe("version");
  });
});
