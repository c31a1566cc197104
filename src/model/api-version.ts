// Which API version serves a PBX's report data, from its firmware version.

export type ApiVersion = "v1.0" | "v2.0";

/**
 * Report data from firmware x.21.0.117 on is served under v2.0 (edition.major.minor.build; the edition is
 * 37, 83 or 84, or `X` in the vendor's examples). Data recorded before an upgrade stays under v1.0.
 */
export function apiVersionFor(firmware: string | undefined): ApiVersion {
  const m = /^[^.\s]+\.(\d+)\.(\d+)\.(\d+)/.exec(firmware ?? "");
  if (!m) return "v1.0";
  const [major, minor, build] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major > 21 || (major === 21 && (minor > 0 || build >= 117)) ? "v2.0" : "v1.0";
}
