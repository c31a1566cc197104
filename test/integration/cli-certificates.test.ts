// A PBX's factory certificate: self-signed, for a name (yeastar.com) that is not the address used (127.0.0.1).
// Pinned, it is trusted whatever names it holds, and no other certificate is; without the pin the error names it.
import { X509Certificate } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import selfsigned from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../helpers/cli.js";

const certificate = (name: string) =>
  selfsigned.generate([{ name: "commonName", value: name }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: name }] }],
  });

let sim: Simulator;
let env: NodeJS.ProcessEnv;
let dir: string;
let factory: { cert: string; private: string };
beforeAll(async () => {
  factory = await certificate("yeastar.com");
  sim = await startSimulator({ tls: { key: factory.private, cert: factory.cert } });
  env = { ...process.env, YEASTAR_BASE_URL: sim.baseUrl, YEASTAR_CLIENT_ID: sim.clientId };
  env.YEASTAR_CLIENT_SECRET = sim.clientSecret;
  dir = await mkdtemp(path.join(tmpdir(), "ycr-pin-"));
  await writeFile(path.join(dir, "factory.pem"), factory.cert);
  await writeFile(path.join(dir, "other.pem"), (await certificate("other.example")).cert);
});
afterAll(() => sim.close());

const pin = () => `sha256:${new X509Certificate(factory.cert).fingerprint256.replaceAll(":", "")}`;
const tokensAsked = () => sim.requests.filter((r) => r.path.includes("get_token")).length;
const report = ["download", "--type", "extcallactivity", "--ext-id-list", "1", "--time", "2024-05", "--out", "-"];

describe("a pinned certificate (--pin-certificate FILE|sha256:HEX)", () => {
  it("without the pin: fails once, naming the certificate's names and the pin, nothing sent", async () => {
    const before = tokensAsked();
    for (const extra of [[], ["--ca", path.join(dir, "factory.pem")]]) {
      const run = await runCli(["info", ...extra], { env });
      expect(run.code).toBe(1);
      // With --ca the chain is trusted and the names fail; without it, the chain fails first.
      if (extra.length > 0) {
        expect(run.stderr).toMatch(
          /certificate is for yeastar\.com, not 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\)/,
        );
        expect(run.stderr).toMatch(/--pin-certificate FILE \(PEM\) or sha256:HEX/);
      } else
        expect(run.stderr).toMatch(/not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)[\s\S]*--pin-certificate FILE when/);
      // Either way: what the PBX shows, named, and the exact pin (read by a handshake that sends nothing).
      expect(run.stderr).toContain(`The PBX shows a self-signed certificate for yeastar.com, ${pin()}.`);
      expect(run.stderr).toContain(`trust exactly it with: --pin-certificate ${pin()}`);
      expect(run.stderr).not.toMatch(/retry/);
    }
    expect(tokensAsked()).toBe(before);
  });

  it("with the pin (a PEM file, or its fingerprint): JSON calls, the file and the async WebSocket all go", async () => {
    const fingerprint = pin().toLowerCase();
    for (const pin of [path.join(dir, "factory.pem"), fingerprint]) {
      const run = await runCli([...report, "--pin-certificate", pin], { env });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Time,/);
    }
    const async = await runCli([...report, "--async", "--pin-certificate", path.join(dir, "factory.pem")], { env });
    expect(async).toMatchObject({ code: 0, stderr: "" });
  });

  it("pinned to another certificate: refused before anything is sent, whatever the PBX's names", async () => {
    const before = tokensAsked();
    const run = await runCli([...report, "--pin-certificate", path.join(dir, "other.pem")], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not the pinned one \(it shows sha256:[0-9A-F]{64}\); nothing was sent/);
    expect(run.stderr).not.toMatch(/retry/);
    expect(tokensAsked()).toBe(before);
  });

  it("a pin that is neither a PEM nor sha256:HEX, or with --ca, is exit 2", async () => {
    await writeFile(path.join(dir, "junk.pem"), "junk\n");
    const junk = await runCli(["info", "--pin-certificate", path.join(dir, "junk.pem")], { env });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/holds no PEM certificate/);
    const short = await runCli(["info", "--pin-certificate", "sha256:abcd"], { env });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/SHA-256 fingerprint as sha256:HEX \(64 hex digits/);
    const both = await runCli(
      ["info", "--ca", path.join(dir, "factory.pem"), "--pin-certificate", path.join(dir, "factory.pem")],
      { env },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--ca or --pin-certificate, not both/);
  });
});
