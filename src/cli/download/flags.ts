// The download command's flags: one per report parameter of the spec's table, with the spec's own words.
import { type Command, Option } from "commander";
import { reportDocs, reportTable as table } from "../../internal.js";
import type { ConnectionFlags } from "../connection.js";
import { firstSentence } from "../output.js";

/** The spec's descriptions of report types and parameters (only the CLI carries them). */
export const docs: Readonly<Record<string, { description: string; parameters: Readonly<Record<string, string>> }>> =
  reportDocs;

/** Every report parameter but `type` and `is_async`, with the types that take it. */
export function reportParameters(): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [type, spec] of Object.entries(table)) {
    for (const name of Object.keys(spec.parameters)) {
      if (name === "type" || name === "is_async") continue;
      params.set(name, [...(params.get(name) ?? []), type]);
    }
  }
  return params;
}

export const flagOf = (name: string) => `--${name.replaceAll("_", "-")}`;
export const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

export interface DownloadFlags extends ConnectionFlags {
  type?: string;
  fromFile?: string;
  out: string;
  format: "csv" | "json" | "ndjson" | "stats" | "stats-ndjson";
  encoding?: string;
  async?: boolean;
  overwrite?: boolean;
  unchecked?: boolean;
  param: string[];
  period?: string;
  failOnEmpty?: boolean;
  allProfiles?: boolean;
  concurrency?: string;
  shard?: string;
  skipExisting?: boolean;
  dryRun?: boolean;
  json?: boolean;
  [param: string]: unknown;
}

/** One flag per report parameter of the spec, with the types that take it and its values. */
export function addReportParameters(command: Command): void {
  for (const [name, types] of reportParameters()) {
    const choices = new Set(types.flatMap((t) => (table[t]!.parameters[name]!.enum ?? []).map(String)));
    const doc = firstSentence(docs[types[0]!]!.parameters[name]);
    const option = new Option(
      `${flagOf(name)} <value>`,
      `${doc} [${types.length === Object.keys(table).length ? "all types" : types.join(", ")}]`,
    );
    if (choices.size > 0) option.choices([...choices]);
    // Not listed in the general help (there are dozens): `download --type TYPE --help` lists a type's own.
    command.addOption(option.hideHelp());
  }
}
