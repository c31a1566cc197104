// The error classes: one constructor shape, `instanceof YeastarError` catching all, fields as documented.
import { describe, expect, it } from "vitest";
import { apiError } from "../../src/core/api-errors.js";
import { existsAlready } from "../../src/download/save.js";
import {
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarFileError,
  YeastarIpBlockedError,
  YeastarQueryError,
  YeastarReplyError,
} from "../../src/index.js";

describe("errors", () => {
  it("take (message, options): fields from the options, the cause kept", () => {
    const cause = new Error("ECONNRESET");
    const connection = new YeastarConnectionError("GET /x: HTTP 503", { cause, status: 503, retryAfterMs: 2000 });
    expect([connection.message, connection.status, connection.retryAfterMs, connection.cause]).toEqual([
      "GET /x: HTTP 503",
      503,
      2000,
      cause,
    ]);
    const query = new YeastarQueryError("cdr: start_time is missing", { type: "cdr", parameter: "start_time" });
    expect([query.type, query.parameter]).toEqual(["cdr", "start_time"]);
    expect(new YeastarQueryError("no type").parameter).toBeUndefined();
    const file = new YeastarFileError("cannot write /r.csv", { path: "/r.csv", code: "ENOSPC", cause });
    expect([file.path, file.code, file.cause]).toEqual(["/r.csv", "ENOSPC", cause]);
  });

  it("a malformed reply is a YeastarReplyError: a YeastarConnectionError by kind, named apart", () => {
    const reply = new YeastarReplyError("malformed reply from GET /x: data is not a list");
    expect(reply).toBeInstanceOf(YeastarConnectionError);
    expect(reply).toBeInstanceOf(YeastarError);
    expect(reply.name).toBe("YeastarReplyError");
    expect(reply.status).toBeUndefined();
  });

  it("exists already is a YeastarFileError with code EEXIST and the path", () => {
    const error = existsAlready("/r/cdr.csv", "pass overwrite: true (--overwrite) to replace it");
    expect(error).toBeInstanceOf(YeastarFileError);
    expect([error.code, error.path, error.message]).toEqual([
      "EEXIST",
      "/r/cdr.csv",
      "/r/cdr.csv exists already; pass overwrite: true (--overwrite) to replace it",
    ]);
  });

  it("apiError builds the message and the class; the constructor takes it as given", () => {
    const details = { errcode: 70004, errmsg: "IP BLOCKED", endpoint: "/openapi/v1.0/get_token", block_expire_time: 1 };
    const blocked = apiError(details);
    expect(blocked).toBeInstanceOf(YeastarIpBlockedError);
    expect(blocked.message).toMatch(/^\/openapi\/v1\.0\/get_token: errcode 70004 IP BLOCKED .*the block ends 1970/);
    expect((blocked as YeastarIpBlockedError).blockExpiresAt).toEqual(new Date(1000));
    const plain = new YeastarApiError("said", { errcode: 40002, errmsg: "PARAMETER ERROR", endpoint: "/x" });
    expect([plain.message, plain.kind, plain.invalid_param_list]).toEqual(["said", "parameter", []]);
  });
});
