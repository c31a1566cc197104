// The queries of a download run: from --type and the report flags (and --param), or a JSON/YAML batch file.
import type { UncheckedQuery } from "../../index.js";
import { YeastarOptionError } from "../../index.js";
import { readSmallFile } from "../small-file.js";
import { camel, type DownloadFlags, reportParameters } from "./flags.js";

/** The --param name=value pairs. */
function paramsOf(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!m)
      throw new YeastarOptionError(
        `--param takes name=value with the PBX's parameter name, e.g. --param my_report_id=3; not ` +
          `${JSON.stringify(pair)}`,
      );
    if (m[1] === "type") throw new YeastarOptionError("the report type goes in --type, not --param");
    params[m[1]!] = m[2]!;
  }
  return params;
}

export async function queriesOf(flags: DownloadFlags): Promise<UncheckedQuery[]> {
  const given = [...reportParameters().keys()].filter((name) => flags[camel(name)] !== undefined);
  if (flags.fromFile) {
    if (flags.type || given.length > 0 || flags.param.length > 0)
      throw new YeastarOptionError("--from-file holds the queries: give no --type or report parameters with it");
    const text = (await readSmallFile(flags.fromFile, "--from-file")) ?? "";
    const { parse } = await import("yaml"); // YAML is a superset of JSON: one parser reads both
    let data: unknown;
    try {
      // Every scalar as the text written (failsafe schema): `time: 2024` is the bucket "2024", `queue_id: 0123`
      // keeps its zero, as a flag's value would.
      data = parse(text, { schema: "failsafe" });
    } catch (error) {
      throw new YeastarOptionError(
        `--from-file ${flags.fromFile}: not valid JSON or YAML (${(error as Error).message.split("\n")[0]})`,
      );
    }
    const list = Array.isArray(data) ? data : (data as { reports?: unknown })?.reports;
    if (!Array.isArray(list) || list.length === 0 || !list.every((q) => q && typeof q === "object")) {
      throw new YeastarOptionError(
        `--from-file ${flags.fromFile}: expected a list of queries, e.g. [{ type: queuesatisfaction, queue_id: 1 ` +
          `}], or { reports: [...] }`,
      );
    }
    return list as UncheckedQuery[];
  }
  if (!flags.type)
    throw new YeastarOptionError(
      "--type is required (or --from-file); list the types with: yeastar-call-reports types",
    );
  const query: UncheckedQuery = { type: flags.type };
  for (const name of given) query[name] = flags[camel(name)];
  Object.assign(query, paramsOf(flags.param));
  return [query];
}
