import { describe, expect, it } from "vitest";
import { causeCode } from "../../src/core/causes.js";

const eproto = (reason: string) =>
  Object.assign(
    new Error(`write EPROTO 801C4CAE6B7F0000:error:0A00010B:SSL routines:ssl3_get_record:${reason}:../x.c:350:`),
    {
      code: "EPROTO",
    },
  );

describe("causeCode", () => {
  it("gives Node's https EPROTO the code undici derives from OpenSSL's reason", () => {
    expect(causeCode(eproto("wrong version number"))).toBe("ERR_SSL_WRONG_VERSION_NUMBER");
    expect(causeCode(new Error("outer", { cause: eproto("unsupported protocol") }))).toBe(
      "ERR_SSL_UNSUPPORTED_PROTOCOL",
    );
    expect(causeCode(eproto("tlsv1 alert protocol version"))).toBe("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION");
  });

  it("keeps EPROTO without an OpenSSL reason, and every other code as it is", () => {
    expect(causeCode(Object.assign(new Error("EPROTO"), { code: "EPROTO" }))).toBe("EPROTO");
    expect(causeCode(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
    expect(causeCode(new Error("no code"))).toBeUndefined();
  });
});
