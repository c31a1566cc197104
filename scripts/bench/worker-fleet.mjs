// A client process of the fleet benchmark: every PBX of FILE (the fleet host's JSON) gets its own client, CALLS
// small reports downloaded one after the other (step 1 and the file), then close(); CONCURRENCY PBXs at a time.
// MODE client: the built package (dist/). MODE floor: the same requests with Node's http alone and a keep-alive
// Agent per PBX (get_token, step 1 and the file per report, del_token): no timeouts, retries, checks or typed
// errors, the least any client does. Prints its time, CPU and peak RSS as one JSON line.
//   node worker-fleet.mjs client|floor FILE CONCURRENCY CALLS
import { readFile } from "node:fs/promises";
import http from "node:http";

const [mode, file, concurrency, calls] = process.argv.slice(2);
const pbxs = JSON.parse(await readFile(file, "utf8"));
const query = { type: "queuesatisfaction", queue_id: 1 };
const { createYeastarClient } = mode === "client" ? await import("../../dist/esm/src/index.js") : {};

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

/** One request on the PBX's agent, its body read whole as text. */
function send(agent, url, body) {
  return new Promise((resolve, reject) => {
    const { hostname, port, pathname, search } = new URL(url);
    const headers = { "user-agent": "fleet-floor" };
    if (body) Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    const options = { hostname, port, path: pathname + search, method: body ? "POST" : "GET", agent, headers };
    http
      .request(options, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString()));
        res.on("error", reject);
      })
      .on("error", reject)
      .end(body);
  });
}

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

const job = mode === "client" ? nightly : nightlyFloor;
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
