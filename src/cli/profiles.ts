// Named PBXs in a YAML config file, in the PBX's own naming style:
//   profiles:
//     hq:
//       base_url: https://192.168.5.150:8088
//       client_id: …
//       client_secret_env: HQ_SECRET      # or client_secret_file: /path (or client_secret, discouraged)
//       ca_file: /path/to/pbx-ca.pem      # optional, like pin_certificate (a PEM file or sha256:HEX), time_zone
//                                          # and api_version
// $XDG_CONFIG_HOME/yeastar-call-reports/config.yaml by default (~/.config/… without it), or --config FILE.
import { readFile, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { YeastarOptionError } from "../index.js";
import { say } from "./output.js";
import { readSmallFile } from "./small-file.js";

export interface Profile {
  base_url: string;
  client_id?: string;
  client_secret_env?: string;
  client_secret_file?: string;
  client_secret?: string;
  ca_file?: string;
  pin_certificate?: string;
  time_zone?: string;
  api_version?: string;
}

const fields = [
  "base_url",
  "client_id",
  "client_secret_env",
  "client_secret_file",
  "client_secret",
  "ca_file",
  "pin_certificate",
  "time_zone",
  "api_version",
];

const secretSources = ["client_secret_env", "client_secret_file", "client_secret"];

export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  const base = env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "yeastar-call-reports", "config.yaml");
}

/** Warns when a file that holds a secret can be read by its group or others. */
async function warnIfShared(file: string, what: string): Promise<void> {
  const { mode } = await stat(file).catch(() => ({ mode: 0 }));
  if (mode & 0o077) {
    say(`warning: ${file} holds ${what} and is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
  }
}

/** The profiles of the config file; a missing file is none, a broken one an error that says where. */
export async function loadProfiles(file: string): Promise<Record<string, Profile>> {
  const text = await readSmallFile(file, "config", true);
  if (text === undefined) return {};
  const { parse } = await import("yaml");
  let data: unknown;
  try {
    // Every scalar as the text written (failsafe schema): a client ID `0123` keeps its zero, `yes` stays "yes".
    data = parse(text, { schema: "failsafe" });
  } catch (error) {
    throw new YeastarOptionError(`config ${file}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const profiles = (data as { profiles?: unknown } | null)?.profiles;
  if (!profiles || typeof profiles !== "object")
    throw new YeastarOptionError(`config ${file}: expected profiles: { NAME: { base_url: … } }`);
  const sections = Object.keys(data as object).filter((key) => key !== "profiles");
  if (sections.length > 0)
    throw new YeastarOptionError(`config ${file}: unknown section ${sections.join(", ")}; the file holds profiles:`);
  for (const [name, p] of Object.entries(profiles as Record<string, unknown>)) {
    if (!p || typeof p !== "object" || typeof (p as Profile).base_url !== "string") {
      throw new YeastarOptionError(`config ${file}: profile ${name} needs base_url`);
    }
    const unknown = Object.keys(p).filter((k) => !fields.includes(k));
    if (unknown.length > 0)
      throw new YeastarOptionError(
        `config ${file}: profile ${name}: unknown ${unknown.join(", ")}; known: ${fields.join(", ")}`,
      );
    const secrets = secretSources.filter((k) => k in p);
    if (secrets.length > 1)
      throw new YeastarOptionError(
        `config ${file}: profile ${name} names ${secrets.join(" and ")}: give one source of the client secret`,
      );
    if ((p as Profile).client_secret !== undefined) await warnIfShared(file, `the client secret of ${name}`);
    if ((p as Profile).client_secret_file !== undefined)
      await warnIfShared((p as Profile).client_secret_file!, `the client secret of ${name}`);
  }
  return profiles as Record<string, Profile>;
}

/** The profiles a run names: --profile a,b, --all-profiles, or YEASTAR_PROFILE; none without them. */
export function chosen(
  all: Record<string, Profile>,
  names: string | undefined,
  every: boolean,
  file: string,
): [string, Profile][] {
  if (every) {
    if (Object.keys(all).length === 0) throw new YeastarOptionError(`--all-profiles: ${file} has no profiles`);
    return Object.entries(all);
  }
  if (!names) return [];
  return names.split(",").map((name) => {
    const profile = Object.hasOwn(all, name.trim()) ? all[name.trim()] : undefined;
    if (!profile)
      throw new YeastarOptionError(
        `--profile ${name}: no such profile in ${file} (it has: ${Object.keys(all).join(", ") || "none"})`,
      );
    return [name.trim(), profile];
  });
}

/** The secret a profile names: from its environment variable, its file, or inline. */
export async function profileSecret(name: string, p: Profile, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (p.client_secret_env) {
    const value = env[p.client_secret_env];
    if (!value)
      throw new YeastarOptionError(`profile ${name}: the environment variable ${p.client_secret_env} is not set`);
    return value;
  }
  if (p.client_secret_file) {
    const text = await readFile(p.client_secret_file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new YeastarOptionError(
        `profile ${name}: client_secret_file ${p.client_secret_file}: ${error.code ?? error.message}`,
      );
    });
    return text.split(/\r?\n/)[0]!.trim();
  }
  return p.client_secret;
}
