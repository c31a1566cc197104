// The one sanitiser of PBX text and secrets (src/secrets.ts): what it redacts, what it escapes, what it keeps.
import { afterEach, describe, expect, it } from "vitest";
import { apiError } from "../../src/core/api-errors.js";
import { YeastarError } from "../../src/errors.js";
import { escapeControls, HeldSecrets, pbxText, redact } from "../../src/secrets.js";

const token = "aXc9Q2b7LmN4pR8sT1uV6wY3zK5jH0fG";
const held = new HeldSecrets();
afterEach(() => held.releaseAll());

describe("redact", () => {
  it("replaces token values in a URL, a form and JSON", () => {
    expect(redact("https://pbx:8088/api/download/a.csv?access_token=abc123&x=1")).toBe(
      "https://pbx:8088/api/download/a.csv?access_token=[redacted]&x=1",
    );
    expect(redact("/x?refresh_token=zzz")).toBe("/x?refresh_token=[redacted]");
    expect(redact('{"access_token":"abc","refresh_token": "def"}')).toBe(
      '{"access_token":"[redacted]","refresh_token": "[redacted]"}',
    );
    expect(redact("client_secret=s3cr3t; more")).toBe("client_secret=[redacted]; more");
  });

  it("replaces a held token or secret wherever it stands, encoded or not, until released", () => {
    const secret = "a/b+c=d e&f9876";
    held.keep(token);
    held.keep(secret);
    expect(redact(`bad token ${token}.`)).toBe("bad token [redacted].");
    expect(redact(`echo ${encodeURIComponent(secret)} and ${secret}`)).toBe("echo [redacted] and [redacted]");
    held.releaseAll();
    expect(redact(`bad token ${token}.`)).toBe(`bad token ${token}.`);
  });

  it("releases a token once it expired, and keeps one that two clients hold until both let go", () => {
    let now = 0;
    const a = new HeldSecrets(() => now);
    const b = new HeldSecrets(() => now);
    a.keep(token, 1000);
    b.keep(token);
    now = 2000;
    a.keep(undefined);
    expect(redact(token)).toBe("[redacted]");
    b.releaseAll();
    expect(redact(token)).toBe(token);
  });

  it("does not look for literals shorter than 8 characters (they would blank words)", () => {
    held.keep("abc");
    expect(redact("abc abc")).toBe("abc abc");
  });

  it("is applied to every error's message", () => {
    held.keep(token);
    expect(new YeastarError(`the PBX said: ${token} and ?access_token=xyz`).message).toBe(
      "the PBX said: [redacted] and ?access_token=[redacted]",
    );
  });
});

describe("pbxText and escapeControls", () => {
  it("escapes ESC, CR, BEL, C1 and bidirectional overrides; keeps tab and newline for escapeControls", () => {
    expect(escapeControls("\u001b]0;pwned\u0007\r\tok\n\u009b\u202e")).toBe(
      "\\u001b]0;pwned\\u0007\\u000d\tok\n\\u009b\\u202e",
    );
  });

  it("makes one line of at most 300 characters, redacted before it is cut", () => {
    expect(pbxText("a\r\nb\nc")).toBe("a\\u000d b c");
    const long = `${"x".repeat(295)}?access_token=${token}`;
    expect(pbxText(long)).toBe(`${"x".repeat(295)}?acce…`);
    expect(pbxText(long)).not.toContain(token.slice(0, 4));
    expect(pbxText({ a: 1 })).toBe('{"a":1}');
    expect(pbxText(undefined)).toBe("undefined");
  });
});

describe("apiError", () => {
  it("cleans what the PBX said in the message and in the error's properties", () => {
    held.keep(token);
    const error = apiError({
      errcode: 40002,
      errmsg: `bad /call_report/download?access_token=${token}\u001b[2J`,
      endpoint: "/openapi/v1.0/call_report/download",
      invalid_param_list: [{ field: "start_time", value: token, valid_msg: `token ${token}\u001b]0;x\u0007` }],
    });
    const shown = JSON.stringify({ ...error, message: error.message });
    expect(shown).not.toContain(token);
    expect(shown).not.toContain("\u001b");
    expect(error.errmsg).toBe("bad /call_report/download?access_token=[redacted]\\u001b[2J");
    expect(error.invalid_param_list[0]).toEqual({
      field: "start_time",
      value: "[redacted]",
      valid_msg: "token [redacted]\\u001b]0;x\\u0007",
    });
  });

  it("survives a reply whose list is no list and whose block end is no date", () => {
    const error = apiError({
      errcode: 70004,
      errmsg: "BLOCKED",
      endpoint: "/openapi/v1.0/get_token",
      invalid_param_list: { 0: "x" } as never,
      block_expire_time: 1e20,
    });
    expect(error.invalid_param_list).toEqual([]);
    expect(error.message).toContain("BLOCKED");
  });
});
