// Plain HTTP against the simulator, for tests of the simulator itself (the client has its own tests).
import type { Simulator } from "../../src/simulator/index.js";

export const UA = { "user-agent": "yeastar-call-reports-tests" };

export async function getToken(sim: Simulator, body: unknown = { username: sim.clientId, password: sim.clientSecret }) {
  const res = await fetch(`${sim.baseUrl}/openapi/v1.0/get_token`, {
    method: "POST",
    headers: { ...UA, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
}

export async function accessToken(sim: Simulator): Promise<string> {
  const reply = await getToken(sim);
  if (reply.errcode !== 0) throw new Error(`get_token failed: ${JSON.stringify(reply)}`);
  return reply.access_token as string;
}

export async function apiGet(sim: Simulator, path: string, query: Record<string, string | number>, token?: string) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  if (token) params.set("access_token", token);
  const res = await fetch(`${sim.baseUrl}${path}?${params}`, { headers: UA });
  return (await res.json()) as Record<string, any>;
}

export function report(sim: Simulator, query: Record<string, string | number>, token: string, version = "v2.0") {
  return apiGet(sim, `/openapi/${version}/call_report/download`, query, token);
}

export async function fetchFile(sim: Simulator, url: string, token: string) {
  return fetch(`${sim.baseUrl}${url}?access_token=${token}`, { headers: UA });
}

/** Step 1 and step 2: the CSV text of a report, failing the test on any errcode. */
export async function reportText(
  sim: Simulator,
  query: Record<string, string | number>,
  token: string,
  version = "v2.0",
) {
  const reply = await report(sim, query, token, version);
  if (reply.errcode !== 0) throw new Error(`report failed: ${JSON.stringify(reply)}`);
  const res = await fetchFile(sim, reply.download_resource_url, token);
  return res.text();
}
