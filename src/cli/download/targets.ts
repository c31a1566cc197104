// Where a report goes: --out as a directory (the PBX's file name), a file, or a template with {placeholders};
// in a fleet, a directory per PBX. And whether that name is known before the PBX is asked (--skip-existing).
import { stat } from "node:fs/promises";
import path from "node:path";
import type { UncheckedQuery } from "../../index.js";
import { YeastarOptionError } from "../../index.js";
import { fileNamePart, pathPart, reportSpecOf } from "../../internal.js";

/** Where a report of a batch belongs: its PBX (profile) and the query it was asked with. */
export interface Where {
  profile: string | undefined;
  query: UncheckedQuery;
  fleet: boolean;
}

const placeholders = /\{(profile|type|start|end|time|file)\}/g;

/**
 * One placeholder's value as a path part (names.ts: letters and digits of any script kept, Windows-safe); {file}
 * the PBX's file name as saveTo writes it. A value that is there but cleans to nothing is refused: it would drop a
 * directory level and send two reports to one path.
 */
function part(name: string, value: unknown, out: string): string {
  if (value === undefined || value === null || value === "") return "";
  const text = String(value);
  const cleaned = name === "file" ? fileNamePart(text) : pathPart(text);
  if (!cleaned)
    throw new YeastarOptionError(
      `--out ${out}: {${name}} is ${JSON.stringify(text)}, which leaves nothing usable in a file name`,
    );
  return cleaned;
}

/** Whether --out names a directory: ends with a separator, is `.`, or is one now. */
async function isDirectory(out: string): Promise<boolean> {
  if (/[\\/]$/.test(out) || out === "." || out === "..") return true;
  return stat(out).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * --out with its placeholders filled in (`file`: the PBX's file name, known once it answered); in a fleet without
 * {profile}, the PBX's own directory goes in front of the file's name (or inside the directory).
 */
export function filledOut(out: string, where: Where, type: string, file?: string): string {
  const vars: Record<string, unknown> = {
    profile: where.profile,
    type,
    start: where.query.start_time,
    end: where.query.end_time,
    time: where.query.time,
    file,
  };
  const target = out.replace(placeholders, (_, name: string) => part(name, vars[name], out));
  if (!where.fleet || out.includes("{profile}")) return target;
  const own = part("profile", where.profile, out);
  if (/[\\/]$/.test(target) || target === ".") return `${path.join(target, own)}/`;
  return path.join(path.dirname(target), own, path.basename(target));
}

/** A template for --skip-existing that names the same file on every run of the same query. */
const suggestion = (type: string | undefined) =>
  `"reports/{profile}/{type}-${type && reportSpecOf(type)?.timeKind === "bucket" ? "{time}" : "{start}"}.csv"`;

/**
 * --skip-existing looks for the file before the PBX is asked, so the name must not come from the PBX (which
 * names each file anew): a directory or {file} is exit 2, with the template to use.
 */
export async function checkSkipExisting(out: string, type: string | undefined, allowed = ["{file}"]): Promise<void> {
  const fromPbx = allowed.find((p) => out.includes(p));
  const why =
    out === "-"
      ? "--out - writes to stdout: there is no file to look for"
      : fromPbx
        ? `--out ${out} takes its name from the PBX (${fromPbx}), which names each file anew`
        : (await isDirectory(out.replace(placeholders, "x")))
          ? `--out ${out} is a directory: the file's name would be the PBX's, which changes on every run`
          : undefined;
  if (why)
    throw new YeastarOptionError(
      `--skip-existing needs a file name that is the same on every run: ${why}; give a template, e.g. --out ` +
        suggestion(type),
    );
}

/** The file a report will be saved as when its name is known before the PBX is asked (templates, files). */
export async function plannedTarget(out: string, where: Where, type: string): Promise<string | undefined> {
  if (out === "-" || out.includes("{file}")) return undefined;
  const target = filledOut(out, where, type);
  return (await isDirectory(target)) ? undefined : target;
}

/** Whether a file is there already. */
export const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
