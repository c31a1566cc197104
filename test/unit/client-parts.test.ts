// Pure parts of the client: file names, delimiter sniffing, event parsing, error redaction, the version.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isRetriable } from "../../src/core/retry.js";
import { transportError } from "../../src/core/transport-errors.js";
import { sniffDelimiter } from "../../src/download/csv.js";
import { safeFileName } from "../../src/download/save.js";
import { readEvent } from "../../src/download/step1-async.js";
import {
  createYeastarClient,
  describeErrcode,
  YeastarApiError,
  YeastarError,
  YeastarOptionError,
  YeastarQueryError,
} from "../../src/index.js";
import { apiVersionFor } from "../../src/model/api-version.js";
import { version } from "../../src/version.js";

describe("safeFileName", () => {
  it("keeps only the last path part of the PBX's file name", () => {
    expect(safeFileName("Report.csv")).toBe("Report.csv");
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\temp\\x.csv")).toBe("x.csv");
    expect(safeFileName("..hidden.csv")).toBe("hidden.csv");
    expect(() => safeFileName("../")).toThrow(/no usable file name/);
  });
});

describe("sniffDelimiter", () => {
  it("picks , ; or tab from the header line, ignoring quoted text", () => {
    expect(sniffDelimiter("Queue,Total Calls,Answered")).toBe(",");
    expect(sniffDelimiter('Queue;Total Calls;"a,b,c"')).toBe(";");
    expect(sniffDelimiter("Queue\tTotal Calls")).toBe("\t");
    expect(sniffDelimiter("Queue")).toBe(",");
  });
});

describe("readEvent", () => {
  const msg = {
    key: "report_download",
    result: "SUCCESS",
    file: "a.csv",
    download_resource_url: "/api/download/a.csv",
    error: "",
    download_id: 8,
  };
  it("reads 30027 with msg as an object or a JSON string, and ignores heartbeats and other topics", () => {
    expect(readEvent(JSON.stringify({ type: 30027, msg }))).toEqual(msg);
    expect(readEvent(JSON.stringify({ type: "30027", sn: "x", msg: JSON.stringify(msg) }))).toEqual(msg);
    expect(readEvent("heartbeat")).toBeUndefined();
    expect(readEvent("heartbeat response")).toBeUndefined();
    expect(readEvent(JSON.stringify({ type: 30011, msg }))).toBeUndefined();
    expect(readEvent("{broken")).toBeUndefined();
  });
});

describe("apiVersionFor", () => {
  it.each([
    ["37.21.0.117", "v2.0"],
    ["83.21.0.117", "v2.0"],
    ["84.23.0.5", "v2.0"],
    ["37.21.0.116", "v1.0"],
    ["37.20.9.999", "v1.0"],
    ["X.7.0.16", "v1.0"],
    ["X.21.0.117", "v2.0"], // the vendor writes the edition as X in its examples
    [undefined, "v1.0"],
  ])("%s → %s", (firmware, expected) => expect(apiVersionFor(firmware)).toBe(expected));
});

it("the User-Agent version is the package's", () => {
  expect(version).toBe(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
});

describe("errors by kind", () => {
  it("a bad option is a YeastarOptionError (a YeastarError, not a query error); an errcode's kind comes from the catalogue", () => {
    const bad = () => createYeastarClient({ baseUrl: "ftp://pbx", clientId: "a", clientSecret: "b" });
    expect(bad).toThrow(YeastarOptionError);
    expect(bad).toThrow(YeastarError);
    expect(bad).not.toThrow(YeastarQueryError);
    expect(new YeastarApiError("/x: 40002", { errcode: 40002, errmsg: "PARAMETER ERROR", endpoint: "/x" }).kind).toBe(
      "parameter",
    );
    expect(new YeastarApiError("/x: 99999", { errcode: 99999, errmsg: "NEW", endpoint: "/x" }).kind).toBe("unknown");
    expect(describeErrcode(Number("NaN"))).toBeUndefined();
  });
});

describe("what is retried", () => {
  const failure = (code: string, message = code) =>
    transportError(
      Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(message), { code }) }),
      "GET /x",
      {
        timedOut: false,
        timeoutMs: 1,
        timeoutName: "timeout",
      },
    );
  it("not what fails the same way every time: a name that does not resolve, TLS to a plain port, old TLS", () => {
    for (const code of [
      "ENOTFOUND",
      "ERR_SSL_WRONG_VERSION_NUMBER",
      "ERR_SSL_UNSUPPORTED_PROTOCOL",
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ])
      expect(isRetriable(failure(code)), code).toBe(false);
    expect(failure("ENOTFOUND").message).toBe("GET /x: connection failed: the host name does not resolve (ENOTFOUND)");
  });
  it("what another attempt can fix: a reset, a refused or timed-out connection, a temporary DNS failure", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET"])
      expect(isRetriable(failure(code)), code).toBe(true);
  });
});
