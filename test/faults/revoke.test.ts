// Issue 21, row 11: a refused del_token (errcode ≠ 0) was ignored silently, exit 0, and a stalled one added 91 s
// to the run. A revocation that fails is a warning saying until when the token stays valid, bounded in time
// (2 s an attempt, two attempts); the run's result is unchanged.
import { afterEach, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { credentials, type Hostile, hostilePbx, json } from "./hostile.js";

let pbx: Hostile;
afterEach(() => pbx?.close());
const info = () =>
  runCli(["info"], {
    env: {
      ...process.env,
      YEASTAR_BASE_URL: pbx.baseUrl,
      YEASTAR_CLIENT_ID: credentials.clientId,
      YEASTAR_CLIENT_SECRET: credentials.clientSecret,
    },
  });

it("a refused del_token is a warning with the token's expiry; the command still succeeds", async () => {
  pbx = await hostilePbx({
    "GET /openapi/v1.0/del_token": (_req, res) => json(res, { errcode: 10004, errmsg: "TOKEN EXPIRED" }),
  });
  const run = await info();
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(
    /warning: GET \/openapi\/v1\.0\/del_token: the access token was not revoked \(errcode 10004 TOKEN EXPIRED\); it stays valid until \d{4}-\d\d-\d\dT/,
  );
});

it("a del_token that never answers ends within two 2 s attempts, with the same warning", async () => {
  pbx = await hostilePbx({ "GET /openapi/v1.0/del_token": () => undefined });
  const t0 = performance.now();
  const run = await info();
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/the access token was not revoked \(.*no answer within 2000 ms.*\); it stays valid until/);
  expect(performance.now() - t0).toBeLessThan(8000);
}, 15_000);
