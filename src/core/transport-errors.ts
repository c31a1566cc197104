// Whatever a request (or reading its body) threw, as a typed, redacted error that names the operation, never
// the URL.
import { YeastarConnectionError, YeastarError, YeastarReplyError, YeastarTimeoutError } from "../errors.js";
import { redact } from "../secrets.js";
import { abortError } from "./abort.js";
import { causeCode, causes } from "./causes.js";
import { NOT_PINNED } from "./tls.js";

const tlsCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  NOT_PINNED,
]);

/**
 * What a connection failure's code means, in words (the code follows in brackets), for the failures that fail
 * the same way on every attempt: a name that does not resolve, TLS spoken to a plain port, an old TLS version.
 */
const deterministic: Record<string, string> = {
  ENOTFOUND: "the host name does not resolve",
  ERR_INVALID_URL: "the address is not a URL",
  ERR_SSL_WRONG_VERSION_NUMBER: "the PBX did not answer in TLS (a plain HTTP port?)",
  ERR_SSL_PACKET_LENGTH_TOO_LONG: "the PBX did not answer in TLS (a plain HTTP port?)",
  ERR_SSL_UNSUPPORTED_PROTOCOL: "the PBX offers only a TLS version this client refuses (older than TLS 1.2)",
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: "the PBX refused every TLS version this client offers",
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: "the PBX offers only a TLS version this client refuses (older than TLS 1.2)",
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: "the PBX refused the TLS handshake (no cipher in common?)",
};

/** Whether a failure is a certificate's: it fails the same way every time. */
export const isCertificateFailure = (error: unknown) => tlsCodes.has(causeCode(error) ?? "");

/** Whether another attempt cannot change the outcome: a certificate, a name that does not resolve, a TLS mix-up. */
export const isDeterministicFailure = (error: unknown) =>
  isCertificateFailure(error) || Object.hasOwn(deterministic, causeCode(error) ?? "");

/** The names a certificate holds (its subjectAltName entries, then its CN) and the host it was presented for. */
export function certificateNames(error: unknown): { names: string[]; host?: string } {
  for (const link of causes(error)) {
    if (typeof link.host === "string" || link.cert) {
      const san = link.cert?.subjectaltname;
      const names = typeof san === "string" ? san.split(/,\s*/).map((n) => n.replace(/^(DNS|IP Address):/, "")) : [];
      const cn = link.cert?.subject?.CN;
      if (typeof cn === "string" && !names.includes(cn)) names.push(`${cn} (CN)`);
      return {
        names: names.map((n) => redact(n).slice(0, 100)),
        ...(typeof link.host === "string" ? { host: link.host } : {}),
      };
    }
  }
  return { names: [] };
}

/** The innermost message of an error's cause chain ("bad port", "other side closed"), redacted. */
function causeMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (const link of causes(error)) if (typeof link.message === "string" && link.message) message = link.message;
  return message === undefined ? undefined : redact(message);
}

/** The error of a certificate the client does not accept, with what to do about it. */
function certificateError(error: unknown, what: string, code: string): YeastarConnectionError {
  if (code === NOT_PINNED) {
    const shown = [...causes(error)].find((link) => typeof link.fingerprint256 === "string")?.fingerprint256;
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is not the pinned one ` +
        `(it shows sha256:${String(shown ?? "?").replaceAll(":", "")}); ` +
        "nothing was sent",
      { cause: error },
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const named = certificateNames(error);
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is for ${named.names.join(", ") || "no name"}, ` +
        `not ${named.host ?? "the host connected to"} (ERR_TLS_CERT_ALTNAME_INVALID): connect by a name the ` +
        "certificate holds, or pin this very certificate (pinCertificate, whatever names it holds)",
      { cause: error },
    );
  }
  return new YeastarConnectionError(
    `${what}: the PBX's TLS certificate is not trusted (${code}). A self-hosted PBX uses a self-signed ` +
      `certificate: pass it (PEM) as the \`ca\` option, e.g. ca: readFileSync("pbx.pem"), or --ca FILE on the ` +
      "command line (or pin it, pinCertificate, when it is issued for other names)",
    { cause: error },
  );
}

/**
 * Turns whatever a fetch (or reading its body) threw into a typed error, knowing whether the caller
 * aborted or the attempt's own timer fired. Messages name the operation, never the URL.
 */
export function transportError(
  error: unknown,
  what: string,
  context: { userSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number; timeoutName: string },
): YeastarError {
  if (error instanceof YeastarError) return error;
  if (context.userSignal?.aborted) return abortError(what, context.userSignal);
  if (context.timedOut)
    return new YeastarTimeoutError(`${what}: no answer within ${context.timeoutMs} ms (${context.timeoutName})`, {
      cause: error,
    });
  const code = causeCode(error);
  if (code && tlsCodes.has(code)) return certificateError(error, what, code);
  if (error instanceof SyntaxError)
    return new YeastarReplyError(`${what}: the PBX's answer is not valid JSON`, { cause: error });
  const detail = code ?? causeMessage(error);
  const words = code && Object.hasOwn(deterministic, code) ? `: ${deterministic[code]}` : "";
  return new YeastarConnectionError(`${what}: connection failed${words}${detail ? ` (${detail})` : ""}`, {
    cause: error,
  });
}
