// Which PBX certificates the client trusts beyond the system's CAs: a CA or certificate given as `ca` (the host name
// still checked), or one pinned certificate (`pinCertificate`: exactly that certificate, whatever names it holds).
import { X509Certificate } from "node:crypto";
import https from "node:https";
import { isIP, type Socket } from "node:net";
import tls from "node:tls";
import { YeastarOptionError } from "../errors.js";

/** The code of the error a connection fails with when the PBX shows another certificate than the pinned one. */
export const NOT_PINNED = "YEASTAR_CERT_NOT_PINNED";

/** What the client trusts: `ca`, or a pinned certificate's SHA-256 fingerprint (upper-case hex with colons). */
export interface TlsTrust {
  ca?: string | Buffer | undefined;
  pin?: string | undefined;
}

/** A fingerprint as Node writes it (`AB:CD:…`), from `sha256:HEX` (colons optional) or a PEM certificate. */
export function pinOf(given: string | Buffer): string {
  const text = given.toString().trim();
  const hex = /^sha256:((?:[0-9a-f]{2}:?){32})$/i.exec(text)?.[1]?.replaceAll(":", "");
  if (hex?.length === 64) return hex.toUpperCase().replace(/(..)(?!$)/g, "$1:");
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new YeastarOptionError(
      "pinCertificate takes the PBX's certificate (PEM, -----BEGIN CERTIFICATE-----) or its SHA-256 fingerprint " +
        "as sha256:HEX (64 hex digits, colons allowed)",
    );
  }
  try {
    return new X509Certificate(text).fingerprint256;
  } catch {
    throw new YeastarOptionError("pinCertificate: the PEM holds no readable certificate");
  }
}

/** A TLS connection that is handed over only once the PBX has shown the pinned certificate: nothing is sent before. */
function pinnedConnection(pin: string) {
  return (options: tls.ConnectionOptions, done: (error: Error | null, socket?: Socket) => void) => {
    // The chain is not what is trusted here, the certificate itself is: checked below, before any byte is sent.
    const socket = tls.connect({ ...options, rejectUnauthorized: false });
    socket.once("error", (error) => done(error));
    socket.once("secureConnect", () => {
      const shown = socket.getPeerCertificate().fingerprint256;
      if (shown === pin) return done(null, socket);
      socket.destroy();
      // Said in words by transport-errors.ts, with the operation's name.
      done(Object.assign(new Error("not the pinned certificate"), { code: NOT_PINNED, fingerprint256: shown }));
    });
    return undefined;
  };
}

/** The keep-alive https Agent of a client: the system's CAs, `ca`, or exactly the pinned certificate. */
export function httpsAgent(trust: TlsTrust): https.Agent {
  if (trust.ca && trust.pin) throw new YeastarOptionError("give ca or pinCertificate, not both");
  const agent = new https.Agent({ keepAlive: true, ...(trust.ca ? { ca: trust.ca } : {}) });
  if (trust.pin) Object.assign(agent, { createConnection: pinnedConnection(trust.pin) });
  return agent;
}

/** The certificate a TLS server shows: its names (subjectAltName, then CN), fingerprint, whether it signs itself. */
export interface ShownCertificate {
  names: string[];
  /** `sha256:HEX`, as pinCertificate takes it. */
  pin: string;
  selfSigned: boolean;
}

/**
 * The certificate `origin` shows, read by a handshake that sends nothing else (no request, no credentials), for a
 * failure's hint; undefined when none comes within `timeoutMs`.
 */
export function peekCertificate(origin: string, timeoutMs = 3_000): Promise<ShownCertificate | undefined> {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const end = (shown?: ShownCertificate) => {
      socket.destroy();
      resolve(shown);
    };
    socket.setTimeout(timeoutMs, () => end());
    socket.once("error", () => end());
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      if (!cert?.fingerprint256) return end();
      const san = typeof cert.subjectaltname === "string" ? cert.subjectaltname.split(/,\s*/) : [];
      const names = san.map((n) => n.replace(/^(DNS|IP Address):/, ""));
      const cn = cert.subject?.CN;
      if (typeof cn === "string" && !names.includes(cn)) names.push(`${cn} (CN)`);
      end({
        names: names.slice(0, 10).map((n) => n.slice(0, 100)),
        pin: `sha256:${cert.fingerprint256.replaceAll(":", "")}`,
        selfSigned: String(socket.authorizationError) === "DEPTH_ZERO_SELF_SIGNED_CERT",
      });
    });
  });
}
