// A process of the memory benchmark, on the built package (dist/): COUNT small downloads (step 1 + file), 16 at
// a time, through the client or with plain fetch; prints its RSS after them and its peak, as one JSON line.
//   node worker-calls.mjs client|fetch COUNT   env YEASTAR_* name the PBX, YEASTAR_TOKEN a token for fetch
const [mode, count] = process.argv.slice(2);
const env = process.env;
const UA = { "user-agent": "yeastar-call-reports-bench" };
const wire = "type=queuesatisfaction&queue_id=1";
let job;
let close = async () => undefined;
if (mode === "client") {
  const { createYeastarClient } = await import("../../dist/esm/src/index.js");
  const pbx = createYeastarClient({
    baseUrl: env.YEASTAR_BASE_URL,
    clientId: env.YEASTAR_CLIENT_ID,
    clientSecret: env.YEASTAR_CLIENT_SECRET,
    apiVersion: "v2.0",
    displayFormat: { date: "YYYY/MM/DD", clock: 24 },
  });
  job = async () => void (await (await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 })).text());
  close = () => pbx.close();
} else {
  const token = env.YEASTAR_TOKEN;
  job = async () => {
    const url = `${env.YEASTAR_BASE_URL}/openapi/v2.0/call_report/download?${wire}&access_token=${token}`;
    const step1 = await (await fetch(url, { headers: UA })).json();
    const file = `${env.YEASTAR_BASE_URL}${step1.download_resource_url}?access_token=${token}`;
    await (await fetch(file, { headers: UA })).text();
  };
}
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next++ < Number(count)) await job();
  }),
);
const usage = process.memoryUsage();
const rssMB = usage.rss / 1024 / 1024;
const heapMB = usage.heapUsed / 1024 / 1024;
await close();
console.log(
  JSON.stringify({
    mode,
    rssMB,
    heapMB,
    heapTotalMB: usage.heapTotal / 1048576,
    externalMB: usage.external / 1048576,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
