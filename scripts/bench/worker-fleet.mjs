// A client process of the fleet benchmark: every PBX of FILE (the fleet host's JSON) gets its own client, CALLS
// small reports downloaded one after the other (step 1 and the file), then close(); CONCURRENCY PBXs at a time.
// MODE client: the built package (dist/). MODE floor: the same requests with Node's http alone and a keep-alive
// Agent per PBX (get_token, step 1 and the file per report, del_token): no timeouts, retries, checks or typed
// errors, the least any client does. MODE openapi-fetch: the same, its JSON calls through openapi-fetch (the layer
// the library is built on) given the lightest Request and a fetch on that Agent: the least any client on
// openapi-fetch does. Prints its time, CPU and peak RSS as one JSON line.
//   node worker-fleet.mjs client|floor|openapi-fetch FILE CONCURRENCY CALLS
import { readFile } from "node:fs/promises";
import http from "node:http";

const [mode, file, concurrency, calls] = process.argv.slice(2);
const pbxs = JSON.parse(await readFile(file, "utf8"));
const query = { type: "queuesatisfaction", queue_id: 1 };
const { createYeastarClient } = mode === "client" ? await import("../../dist/esm/src/index.js") : {};
const { default: createClient } = mode === "openapi-fetch" ? await import("openapi-fetch") : {};

async function nightly({ baseUrl, clientId, clientSecret }) {
  const pbx = createYeastarClient({
    baseUrl,
    clientId,
    clientSecret,
    apiVersion: "v2.0",
    displayFormat: { date: "YYYY/MM/DD", clock: 24 },
  });
  try {
    for (let i = 0; i < Number(calls); i++) await (await pbx.downloadReport(query)).text();
  } finally {
    await pbx.close();
  }
}

/** One request on the PBX's agent, its body read whole as text (with the answer's status and headers). */
function exchange(agent, url, body) {
  return new Promise((resolve, reject) => {
    const { hostname, port, pathname, search } = new URL(url);
    const headers = { "user-agent": "fleet-floor" };
    if (body) Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    const options = { hostname, port, path: pathname + search, method: body ? "POST" : "GET", agent, headers };
    http
      .request(options, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      })
      .on("error", reject)
      .end(body);
  });
}

const send = async (agent, url, body) => (await exchange(agent, url, body)).text;

async function nightlyFloor({ baseUrl, clientId, clientSecret }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const login = JSON.stringify({ username: clientId, password: clientSecret });
  const token = JSON.parse(await send(agent, `${baseUrl}/openapi/v1.0/get_token`, login)).access_token;
  for (let i = 0; i < Number(calls); i++) {
    const step1 = `${baseUrl}/openapi/v2.0/call_report/download?type=queuesatisfaction&queue_id=1&access_token=${token}`;
    const { download_resource_url: path } = JSON.parse(await send(agent, step1));
    await send(agent, `${baseUrl}${path}?access_token=${token}`);
  }
  await send(agent, `${baseUrl}/openapi/v1.0/del_token?access_token=${token}`);
  agent.destroy();
}

/** The least a Request holder can be for openapi-fetch: what the fetch below reads of it. */
class LightRequest {
  constructor(url, init) {
    this.url = url;
    this.method = init.method;
    this.body = init.body;
  }
}

/** A fetch on the PBX's agent for openapi-fetch: the answer buffered, with what openapi-fetch reads of a Response. */
const agentFetch = (agent) => async (request) => {
  const { status, headers, text } = await exchange(agent, request.url, request.body ?? undefined);
  const get = (name) => headers[name.toLowerCase()] ?? null;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get },
    text: async () => text,
    json: async () => JSON.parse(text),
  };
};

async function nightlyOpenapiFetch({ baseUrl, clientId, clientSecret }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const api = createClient({ baseUrl, fetch: agentFetch(agent), Request: LightRequest });
  const login = await api.POST("/openapi/v1.0/get_token", { body: { username: clientId, password: clientSecret } });
  const token = login.data.access_token;
  for (let i = 0; i < Number(calls); i++) {
    const { data } = await api.GET("/openapi/{api_version}/call_report/download", {
      params: { path: { api_version: "v2.0" }, query: { ...query, access_token: token } },
    });
    await send(agent, `${baseUrl}${data.download_resource_url}?access_token=${token}`);
  }
  await api.GET("/openapi/v1.0/del_token", { params: { query: { access_token: token } } });
  agent.destroy();
}

const job = { client: nightly, floor: nightlyFloor, "openapi-fetch": nightlyOpenapiFetch }[mode];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < pbxs.length) await job(pbxs[next++]);
  }),
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({ seconds, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
