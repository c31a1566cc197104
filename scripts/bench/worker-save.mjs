// A client process of the streaming benchmark, run with plain node on the built package (dist/), so that
// its peak RSS is the library's and not a TypeScript loader's. Prints one JSON line.
//   node worker-save.mjs client OUT   downloadReport() then saveTo(OUT); env YEASTAR_* name the PBX
//   node worker-save.mjs naive OUT URL  fetch, await response.text(), writeFile (what peers do)
//   node worker-save.mjs floor OUT URL  undici.request piped to a file: no library code, Node's own floor
//   node worker-save.mjs fetch OUT URL  Node's fetch, its web stream piped to a file: the other floor
//   node worker-save.mjs http OUT URL   node:http.get piped to a file
//   node worker-save.mjs http-fsync OUT URL  the same, flushed to the disk before close (what saveTo does)
//   node worker-save.mjs http-writeback OUT URL  the same, through the library's DurableFile (written back to the
//                                                disk as it arrives, flushed before close): the durable job's best;
//                                                env YCR_DURABLE_FILE names its module (built by streaming.ts)
//   node worker-save.mjs undici OUT URL undici.stream() into a file: undici's fastest API
import { writeFile } from "node:fs/promises";

const [mode, out, url] = process.argv.slice(2);
let seconds;
let bytes;
try {
  if (mode === "client") {
    const { createYeastarClient } = await import("../../dist/esm/src/index.js");
    const pbx = createYeastarClient({
      baseUrl: process.env.YEASTAR_BASE_URL,
      clientId: process.env.YEASTAR_CLIENT_ID,
      clientSecret: process.env.YEASTAR_CLIENT_SECRET,
      apiVersion: "v2.0",
      displayFormat: { date: "YYYY/MM/DD", clock: 24 },
    });
    const report = await pbx.downloadReport({ type: "queuesatisfaction", queue_id: 1 });
    const t0 = performance.now();
    await report.saveTo(out, { overwrite: true });
    seconds = (performance.now() - t0) / 1000;
    await pbx.close();
  } else if (mode === "floor") {
    const { request } = await import("undici");
    const { createWriteStream } = await import("node:fs");
    const { pipeline } = await import("node:stream/promises");
    await fetch("http://127.0.0.1:9/").catch(() => undefined); // load what the client loads, for a fair RSS
    const t0 = performance.now();
    const { body } = await request(url, { headers: { "user-agent": "floor" }, highWaterMark: 1 << 20 });
    await pipeline(body, createWriteStream(out, { highWaterMark: 1 << 20 }));
    seconds = (performance.now() - t0) / 1000;
  } else if (mode === "http" || mode === "http-fsync") {
    const http = await import("node:http");
    const { createWriteStream } = await import("node:fs");
    const { pipeline } = await import("node:stream/promises");
    const t0 = performance.now();
    const res = await new Promise((resolve, reject) =>
      http.get(url, { headers: { "user-agent": "http-floor" } }, resolve).on("error", reject),
    );
    await pipeline(res, createWriteStream(out, { highWaterMark: 1 << 20, flush: mode === "http-fsync" }));
    seconds = (performance.now() - t0) / 1000;
  } else if (mode === "http-writeback") {
    const http = await import("node:http");
    const { DurableFile } = await import(process.env.YCR_DURABLE_FILE); // streaming.ts builds it from src/
    const { pipeline } = await import("node:stream/promises");
    const { unlink } = await import("node:fs/promises");
    await unlink(out).catch(() => undefined); // DurableFile creates its file exclusively
    const t0 = performance.now();
    const res = await new Promise((resolve, reject) =>
      http.get(url, { headers: { "user-agent": "http-floor" } }, resolve).on("error", reject),
    );
    await pipeline(res, new DurableFile(out, 0o600));
    seconds = (performance.now() - t0) / 1000;
  } else if (mode === "undici") {
    const { stream } = await import("undici");
    const { createWriteStream } = await import("node:fs");
    const t0 = performance.now();
    const file = createWriteStream(out, { highWaterMark: 1 << 20 });
    await stream(url, { headers: { "user-agent": "undici-floor" } }, () => file);
    seconds = (performance.now() - t0) / 1000;
  } else if (mode === "fetch") {
    const { createWriteStream } = await import("node:fs");
    const { Readable } = await import("node:stream");
    const { pipeline } = await import("node:stream/promises");
    const t0 = performance.now();
    const res = await fetch(url, { headers: { "user-agent": "fetch-floor" } });
    await pipeline(Readable.fromWeb(res.body), createWriteStream(out, { highWaterMark: 1 << 20 }));
    seconds = (performance.now() - t0) / 1000;
  } else {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { "user-agent": "naive" } });
    const text = await res.text();
    await writeFile(out, text);
    seconds = (performance.now() - t0) / 1000;
  }
  const { size } = await import("node:fs/promises").then((fs) => fs.stat(out));
  bytes = size;
  console.log(JSON.stringify({ mode, bytes, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} catch (error) {
  console.log(
    JSON.stringify({
      mode,
      error: String(error?.message ?? error).slice(0, 200),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
