// yeastar-call-reports/api: typedApi(pbx), the typed openapi-fetch client of a client, over real HTTP to the
// simulator: the token injected (the client's own, one login), revoked by the client's close().
import { afterAll, beforeAll, expect, it } from "vitest";
import { typedApi } from "../../src/api/index.js";
import { createYeastarClient, YeastarOptionError } from "../../src/index.js";
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

it("answers with standard Response objects on the default path too (the library's own calls use plain ones)", async () => {
  const pbx = createYeastarClient({ baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret });
  const { data, response } = await typedApi(pbx).GET("/openapi/v1.0/system/information");
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(200);
  expect(data?.errcode).toBe(0);
  await pbx.close();
});

it("refuses what createYeastarClient did not make", () => {
  expect(() => typedApi({} as never)).toThrow(YeastarOptionError);
  expect(() => typedApi({} as never)).toThrow(/typedApi\(\) takes a client made by createYeastarClient\(\)/);
});
