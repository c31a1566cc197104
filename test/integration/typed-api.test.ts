// yeastar-call-reports/api: typedApi(pbx), the typed openapi-fetch client of a client, over real HTTP to the
// simulator: the token injected (the client's own, one login), revoked by the client's close().
import { afterAll, beforeAll, expect, it } from "vitest";
import { typedApi } from "../../src/api/index.js";
import { YeastarOptionError } from "../../src/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { clientFor, received } from "../helpers/client.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());

it("calls any path of the spec with the client's token, one login shared with the client's own calls", async () => {
  const { pbx, tokensSent } = clientFor(sim);
  const { data } = await typedApi(pbx).GET("/openapi/v1.0/system/information");
  expect(data?.errcode).toBe(0);
  expect(data?.data?.model_name).toBeTruthy();
  await pbx.menuOptions("queue");
  expect(received(sim, "/get_token")).toHaveLength(1);
  expect(tokensSent()).toHaveLength(1);
  await pbx.close();
  expect(sim.validTokens()).toBe(0);
});

it("refuses what createYeastarClient did not make", () => {
  expect(() => typedApi({} as never)).toThrow(YeastarOptionError);
  expect(() => typedApi({} as never)).toThrow(/typedApi\(\) takes a client made by createYeastarClient\(\)/);
});
