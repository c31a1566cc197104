// Issue 21, row 12: no floor on access_token_expire_time. A PBX stating 1 s had the client renew before every call,
// with refresh refused a login before every call (32 logins for 10 reports), and the superseded tokens were never
// revoked: on a real PBX the cap of 8 tokens an application locks it out for 30 minutes. Now a token is used for a
// minute at least (a real expiry still answers 10004, which renews it), and a token replaced by a login is revoked.
import { expect, it } from "vitest";
import { MIN_TOKEN_USE_MS, type TokenCalls, TokenManager } from "../../src/core/token.js";

/** A PBX that states `lifetime` seconds for its tokens and refuses every refresh; it counts logins and revocations. */
function pbxWith(lifetime: number) {
  let issued = 0;
  const revoked: string[] = [];
  const calls: TokenCalls = {
    getToken: async () => ({
      errcode: 0,
      errmsg: "SUCCESS",
      access_token: `token-${++issued}`,
      access_token_expire_time: lifetime,
      refresh_token: `refresh-${issued}`,
      refresh_token_expire_time: 86400,
    }),
    refreshToken: async () => ({ errcode: 10005, errmsg: "REFRESH TOKEN EXPIRED" }),
    deleteToken: async (token) => void revoked.push(token),
  };
  return { calls, logins: () => issued, revoked };
}

it("a stated lifetime of 1 s: ten calls two seconds apart make one login, not ten", async () => {
  const pbx = pbxWith(1);
  let now = 0;
  const tokens = new TokenManager(pbx.calls, { clientId: "id", clientSecret: "secret" }, () => now);
  for (let i = 0; i < 10; i++) {
    await tokens.token();
    now += 2000;
  }
  expect(pbx.logins()).toBe(1);
  expect(MIN_TOKEN_USE_MS).toBe(60_000);
  await tokens.close();
  expect(pbx.revoked).toEqual([]); // its one token expired (1 s) long ago: nothing left to revoke
});

it("a token replaced by a new login while still valid is revoked; close() waits for it", async () => {
  const pbx = pbxWith(1800);
  let now = 0;
  const tokens = new TokenManager(pbx.calls, { clientId: "id", clientSecret: "secret" }, () => now);
  await tokens.token();
  now += 1800_000 - 30_000; // inside the first token's renewal margin: it is replaced while still valid
  await tokens.token();
  expect(pbx.logins()).toBe(2);
  await tokens.close();
  expect(pbx.revoked).toEqual(["token-1", "token-2"]);
});

it("renews before expiry (inside its margin) with refresh_token when the PBX takes it: no login, nothing to revoke", async () => {
  const pbx = pbxWith(1800);
  pbx.calls.refreshToken = async () => ({
    errcode: 0,
    errmsg: "SUCCESS",
    access_token: "refreshed",
    access_token_expire_time: 1800,
    refresh_token: "r2",
    refresh_token_expire_time: 86400,
  });
  let now = 0;
  const tokens = new TokenManager(pbx.calls, { clientId: "id", clientSecret: "secret" }, () => now);
  await tokens.token();
  now += 1800_000 - 30_000;
  expect((await tokens.token()).token).toBe("refreshed");
  expect(pbx.logins()).toBe(1);
  await tokens.close();
  expect(pbx.revoked).toEqual(["refreshed"]);
});
