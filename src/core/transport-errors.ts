// Whatever a request (or reading its body) threw, as a typed, redacted error that names the operation, never
// the URL.
import { redactUrl, YeastarConnectionError, YeastarError, YeastarReplyError, YeastarTimeoutError } from "../errors.js";
import { abortError } from "./abort.js";
import { causeCode, causes } from "./causes.js";

const tlsCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Whether a failure is a certificate's: it fails the same way every time. */
export const isCertificateFailure = (error: unknown) => tlsCodes.has(causeCode(error) ?? "");

/** The names a certificate holds and the host it was presented for, from Node's ERR_TLS_CERT_ALTNAME_INVALID. */
function certificateNames(error: unknown): { altnames?: string; host?: string } {
  for (const link of causes(error)) {
    if (typeof link.host === "string" || link.cert) {
      const san = link.cert?.subjectaltname;
      const altnames = typeof san === "string" ? san.replace(/(DNS|IP Address):/g, "") : undefined;
      return { ...(altnames ? { altnames } : {}), ...(typeof link.host === "string" ? { host: link.host } : {}) };
    }
  }
  return {};
}

/** The innermost message of an error's cause chain ("bad port", "other side closed"), redacted. */
function causeMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (const link of causes(error)) if (typeof link.message === "string" && link.message) message = link.message;
  return message === undefined ? undefined : redactUrl(message);
}

/** The error of a certificate the client does not accept, with what to do about it. */
function certificateError(error: unknown, what: string, code: string): YeastarConnectionError {
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const named = certificateNames(error);
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is for ${named.altnames ?? "other names"}, ` +
        `not ${named.host ?? "the host connected to"} (ERR_TLS_CERT_ALTNAME_INVALID): connect by a name the ` +
        "certificate holds, or have the PBX's certificate issued for this one",
      { cause: error },
    );
  }
  return new YeastarConnectionError(
    `${what}: the PBX's TLS certificate is not trusted (${code}). A self-hosted PBX uses a self-signed ` +
      `certificate: pass it (PEM) as the \`ca\` option, e.g. ca: readFileSync("pbx.pem"), or --ca FILE on the ` +
      `command line`,
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
  return new YeastarConnectionError(`${what}: connection failed${detail ? ` (${detail})` : ""}`, { cause: error });
}
