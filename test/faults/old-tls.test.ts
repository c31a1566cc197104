// Issue 21, row 10: a PBX that speaks only TLS 1.0 was told "does not speak HTTPS: try --base-url http://" —
// advice to send the client secret in plain text. A TLS protocol failure has its own hint: enable TLS 1.2 or
// later on the PBX, never plain HTTP; and it is not retried (it fails the same way every time).
import { once } from "node:events";
import https from "node:https";
import type { AddressInfo } from "node:net";
import selfsigned from "selfsigned";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

let server: https.Server;
let baseUrl: string;
beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  // TLS 1.0 only (OpenSSL needs security level 0 to offer it at all).
  server = https.createServer(
    { key: pems.private, cert: pems.cert, minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" },
    (_req, res) => res.end("{}"),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

it("a TLS-1.0-only PBX: one attempt, a hint to enable TLS 1.2 on the PBX, never to use plain HTTP", async () => {
  const run = await runCli(["info", "--base-url", baseUrl, "--client-id", "id"], {
    env: { ...process.env, YEASTAR_CLIENT_SECRET: "s3cret" },
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/share no TLS version \(TLS 1\.2 or later\): enable it on the PBX, never plain HTTP/);
  expect(run.stderr).not.toMatch(/--base-url http:\/\//);
  expect(run.stderr).not.toMatch(/retry \d+ of/);
  expect(run.stderr).not.toContain("s3cret");
});
