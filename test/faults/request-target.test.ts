// Issue 21, row 5: a request line whose target is no URL (`GET http://[::1 HTTP/1.1`) killed `simulate` (and a
// test process embedding startSimulator): `new URL(req.url)` ran outside the handler's error handling, for
// requests and for upgrades. Both listeners answer 400, as a web server does, and go on serving.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { afterEach, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess | undefined;
afterEach(() => void child?.kill());

/** `simulate --json` in its own process (a crash must not take the test runner down); its base URL. */
async function simulate(): Promise<string> {
  child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "simulate", "--json"], {
    cwd: root,
  });
  let out = "";
  for await (const chunk of child.stdout!) {
    out += chunk;
    if (out.includes("\n")) break;
  }
  return (JSON.parse(out.split("\n")[0]!) as { baseUrl: string }).baseUrl;
}

/** Sends raw bytes and resolves with what came back before the socket closed (or after 2 s). */
async function raw(baseUrl: string, text: string): Promise<string> {
  const { port } = new URL(baseUrl);
  const socket = net.connect(Number(port), "127.0.0.1");
  await once(socket, "connect");
  socket.end(text);
  let answer = "";
  socket.on("data", (d) => (answer += d));
  await Promise.race([once(socket, "close"), new Promise((r) => setTimeout(r, 2000))]);
  socket.destroy();
  return answer;
}

it("a request target that is no URL gets 400, on a request and on an upgrade, and the simulator goes on", async () => {
  const baseUrl = await simulate();
  const plain = await raw(baseUrl, "GET http://[::1 HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n");
  expect(plain).toMatch(/^HTTP\/1\.1 400 /);
  const upgrade = await raw(
    baseUrl,
    "GET http://[::1 HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
  );
  expect(upgrade).toMatch(/^HTTP\/1\.1 400 /);
  expect(child!.exitCode).toBeNull();
  const after = await fetch(`${baseUrl}/openapi/v1.0/get_token`, { method: "POST", headers: { "user-agent": "t" } });
  expect(after.status).toBe(200);
}, 20_000);
