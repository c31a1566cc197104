// An error's cause chain, walked once for everyone who needs to look inside a transport failure.

/** What a link of a cause chain may carry. */
export interface CauseLink {
  code?: unknown;
  message?: unknown;
  host?: unknown;
  fingerprint256?: unknown;
  cert?: { subjectaltname?: unknown; subject?: { CN?: unknown } };
  cause?: unknown;
}

/** How deep a cause chain is followed: a hostile or cyclic chain cannot hold the walk. */
const MAX_DEPTH = 5;

/** The error and its causes, outermost first (at most five links). */
export function* causes(error: unknown): Generator<CauseLink> {
  let link = error;
  for (let depth = 0; link !== null && typeof link === "object" && depth < MAX_DEPTH; depth++) {
    yield link as CauseLink;
    link = (link as CauseLink).cause;
  }
}

/**
 * Node's https says only EPROTO for a TLS failure, with OpenSSL's reason in the message ("…:SSL routines:
 * ssl3_get_record:wrong version number:…"), where undici gives the code derived from it: the same code here.
 */
function tlsCodeOf(message: unknown): string | undefined {
  const reason = typeof message === "string" ? /:SSL routines:[^:]*:([a-z0-9 ]+):/i.exec(message)?.[1] : undefined;
  return reason ? `ERR_SSL_${reason.trim().toUpperCase().replaceAll(" ", "_")}` : undefined;
}

/** The innermost `code` of an error's cause chain (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
export function causeCode(error: unknown): string | undefined {
  let code: string | undefined;
  for (const link of causes(error)) {
    if (typeof link.code === "string")
      code = link.code === "EPROTO" ? (tlsCodeOf(link.message) ?? "EPROTO") : link.code;
  }
  return code;
}
