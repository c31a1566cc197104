// Connection settings of the command line: flags first, then YEASTAR_* environment variables.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { YeastarClientOptions } from "../index.js";
import { createYeastarClient, YeastarOptionError } from "../index.js";
import { checkApiVersion, checkDisplayFormat, dateFormats } from "../internal.js";
import { handleInterrupts, stop } from "./lifecycle.js";
import { type LimitFlags, limitOptions, limitsOf } from "./limits.js";
import { inCliWords, say } from "./output.js";
import { chosen, configPath, loadProfiles, type Profile, profileSecret } from "./profiles.js";

export interface ConnectionFlags extends LimitFlags {
  baseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  clientSecretFile?: string;
  ca?: string;
  pinCertificate?: string;
  apiVersion?: string;
  dateFormat?: string;
  clock?: string;
  timeZone?: string;
  verbose?: boolean;
  quiet?: boolean;
  config?: string;
  profile?: string;
}

/** A named PBX of the config file, and its settings. */
export type Named = [name: string, profile: Profile];

/**
 * Adds -v and -q (with the command's own options), then the connection flags under their own heading in its help
 * ("Connection flags:", as gh groups its inherited flags). No default is shown for any of them: the secret never
 * appears in --help.
 */
export function connectionOptions(command: Command): Command {
  command
    .optionsGroup("Options:")
    .option("-v, --verbose", "print the request log (tokens redacted) on stderr")
    .option("-q, --quiet", "no progress display")
    .optionsGroup("Connection flags:")
    .option("--base-url <url>", "the PBX origin, e.g. https://192.168.5.150:8088 (env YEASTAR_BASE_URL)")
    .option("--client-id <id>", "API client ID, PBX: Integrations > API (env YEASTAR_CLIENT_ID)")
    .option(
      "--client-secret <secret>",
      "API client secret; visible to other users in ps: prefer YEASTAR_CLIENT_SECRET or --client-secret-file",
    )
    .option("--client-secret-file <file>", "a file holding the API client secret (its first line)")
    .option("--ca <file>", "the PBX's certificate or CA (PEM), to trust a self-signed PBX (its name is checked)")
    .option(
      "--pin-certificate <file|sha256:hex>",
      "trust exactly this certificate (PEM file, or its SHA-256 fingerprint), whatever names it holds: a PBX's " +
        "factory certificate",
    )
    .option(
      "--api-version <version>",
      "auto, v1.0 or v2.0 for report calls (default: auto, by firmware); v1.0 reaches data recorded before an " +
        "upgrade to x.21.0.117",
    )
    .option(
      "--date-format <format>",
      `the PBX date display format: auto, ${dateFormats.join(", ")} (default: auto, read from the PBX)`,
    )
    .option("--clock <hours>", "12 or 24, with --date-format")
    .option(
      "--time-zone <zone>",
      "the PBX's IANA time zone, for times with Z or an offset (default: the PBX's current UTC offset)",
    )
    .option("--profile <name>", "a PBX of the config file (env YEASTAR_PROFILE); flags and YEASTAR_* override it")
    .option("--config <file>", "the config file (default: $XDG_CONFIG_HOME/yeastar-call-reports/config.yaml)");
  limitOptions(command);
  return command.optionsGroup("Options:");
}

/** The client options from flags and environment; a YeastarOptionError (exit 2) for what is missing or wrong. */
export async function clientOptions(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
  named?: Named,
): Promise<YeastarClientOptions> {
  const [profileName, profile] = named ?? ["", undefined];
  const prefix = named ? `${profileName}: ` : "";
  // An empty variable is an unset one.
  const fromEnv = (name: string) => env[name] || undefined;
  const baseUrl = flags.baseUrl ?? fromEnv("YEASTAR_BASE_URL") ?? profile?.base_url;
  if (!baseUrl) throw new YeastarOptionError("no PBX given: pass --base-url https://host:port or set YEASTAR_BASE_URL");
  const credentials = await credentialsOf(flags, fromEnv, named);
  let displayFormat: YeastarClientOptions["displayFormat"] = "auto";
  if (flags.dateFormat && flags.dateFormat !== "auto") {
    if (flags.clock === undefined) throw new YeastarOptionError("--date-format needs --clock 12 or --clock 24");
    displayFormat = checkDisplayFormat(flags.dateFormat, flags.clock, { date: "--date-format", clock: "--clock" });
  } else if (flags.clock) {
    throw new YeastarOptionError("--clock goes with --date-format (both, or neither to read them from the PBX)");
  }
  const versionGiven = flags.apiVersion ?? profile?.api_version;
  const apiVersion = versionGiven === undefined ? undefined : checkApiVersion(versionGiven, "--api-version");
  const ca = await caOf(flags.ca ?? profile?.ca_file);
  const pinCertificate = await pinOf(flags.pinCertificate ?? profile?.pin_certificate);
  if (ca && pinCertificate) throw new YeastarOptionError("give --ca or --pin-certificate, not both");
  const timeZone = flags.timeZone ?? profile?.time_zone;
  return {
    baseUrl,
    ...credentials,
    displayFormat,
    ...(apiVersion ? { apiVersion } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(ca ? { ca } : {}),
    ...(pinCertificate ? { pinCertificate } : {}),
    ...limitsOf(flags),
    logger: {
      ...(flags.verbose ? { debug: (m: string) => say(`${prefix}[request] ${m}`) } : {}),
      warn: warnings(flags.quiet === true, prefix),
    },
  };
}

/** What -q hides: the retry lines and the column check's findings; other warnings stay. */
const quietable = (message: string) => / retry \d+ of /.test(message) || message.startsWith("columns: ");

/** The library's warnings as `warning:` lines on stderr (`prefix` names the PBX of a fleet); -q hides some. */
export const warnings =
  (quiet: boolean, prefix = "") =>
  (message: string) =>
    quiet && quietable(message) ? undefined : say(`${prefix}warning: ${inCliWords(message)}`);

type Credentials = { clientId: string; clientSecret: string } | { accessToken: string };

/** The credentials from flags, the environment and the profile, in that order; what is missing is said. */
async function credentialsOf(
  flags: ConnectionFlags,
  fromEnv: (name: string) => string | undefined,
  named: Named | undefined,
): Promise<Credentials> {
  const [profileName, profile] = named ?? ["", undefined];
  const clientId = flags.clientId ?? fromEnv("YEASTAR_CLIENT_ID") ?? profile?.client_id;
  const clientSecret =
    flags.clientSecret ??
    (await secretFile(flags.clientSecretFile)) ??
    fromEnv("YEASTAR_CLIENT_SECRET") ??
    (profile ? await profileSecret(profileName, profile, process.env) : undefined);
  if (flags.clientSecret !== undefined) {
    say(
      "warning: --client-secret is visible to other users of this machine (ps, /proc); " +
        "set YEASTAR_CLIENT_SECRET or use --client-secret-file instead",
    );
  }
  const accessToken = fromEnv("YEASTAR_ACCESS_TOKEN");
  const credentials: Credentials | undefined =
    clientId || clientSecret
      ? { clientId: clientId ?? "", clientSecret: clientSecret ?? "" }
      : accessToken
        ? { accessToken }
        : undefined;
  if (!credentials)
    throw new YeastarOptionError(
      "no credentials: pass --client-id and set YEASTAR_CLIENT_SECRET (or --client-secret), or set " +
        "YEASTAR_ACCESS_TOKEN",
    );
  if ("clientId" in credentials && !(credentials.clientId && credentials.clientSecret)) {
    throw new YeastarOptionError(
      credentials.clientId
        ? "the client secret is missing: set YEASTAR_CLIENT_SECRET (or pass --client-secret)"
        : "the client ID is missing: pass --client-id or set YEASTAR_CLIENT_ID",
    );
  }
  return credentials;
}

/** The PEM of --ca (or a profile's ca_file), checked to hold a certificate. */
async function caOf(caFile: string | undefined): Promise<Buffer | undefined> {
  if (!caFile) return undefined;
  const ca = await readFile(caFile).catch((error: NodeJS.ErrnoException) => {
    throw new YeastarOptionError(`--ca ${caFile}: cannot read it (${error.code ?? error.message})`);
  });
  if (!ca.includes("-----BEGIN CERTIFICATE-----")) {
    throw new YeastarOptionError(
      `--ca ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----): export the PBX's certificate as PEM`,
    );
  }
  return ca;
}

/** --pin-certificate (or a profile's pin_certificate): sha256:HEX as given, or a PEM file's certificate. */
async function pinOf(given: string | undefined): Promise<string | Buffer | undefined> {
  if (!given || /^sha256:/i.test(given)) return given;
  const pem = await readFile(given).catch((error: NodeJS.ErrnoException) => {
    throw new YeastarOptionError(`--pin-certificate ${given}: cannot read it (${error.code ?? error.message})`);
  });
  if (!pem.includes("-----BEGIN CERTIFICATE-----"))
    throw new YeastarOptionError(
      `--pin-certificate ${given} holds no PEM certificate: give the PBX's certificate as PEM, or sha256:HEX`,
    );
  return pem;
}

/** The secret in a --client-secret-file: its first line, without the line break. */
async function secretFile(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new YeastarOptionError(`--client-secret-file ${file}: cannot read it (${error.code ?? error.message})`);
  });
  const secret = text.split(/\r?\n/)[0]!.trim();
  if (!secret) throw new YeastarOptionError(`--client-secret-file ${file}: its first line is empty`);
  return secret;
}

/** The profiles a run names (--profile, YEASTAR_PROFILE); none when it names none. */
export async function namedProfiles(
  flags: ConnectionFlags & { allProfiles?: boolean },
  env = process.env,
): Promise<Named[]> {
  const names = flags.profile ?? env.YEASTAR_PROFILE;
  if (!names && !flags.allProfiles) return [];
  const file = configPath(flags.config, env);
  return chosen(await loadProfiles(file), names, flags.allProfiles === true, file);
}

let lastBaseUrl: string | undefined;

/** The PBX the command connected to last (for what to try when it could not be reached). */
export const connectedTo = () => lastBaseUrl;

/** The client of a command: interruptible (lifecycle.ts), so that an interrupted run revokes its token. */
export async function connect(flags: ConnectionFlags, named?: Named, run: { fleet?: boolean } = {}) {
  // In a fleet, YEASTAR_* settings of the environment would send every PBX's batch to one PBX: not used.
  const env = run.fleet ? {} : process.env;
  const options = await clientOptions(flags, env, named ?? (await namedProfiles(flags))[0]);
  handleInterrupts();
  lastBaseUrl = options.baseUrl;
  return createYeastarClient({ ...options, signal: stop.signal });
}
