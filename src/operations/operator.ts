// What an operator asks of a PBX besides a report: IDs by number or name, a named period on the PBX's
// calendar, and why a report came back empty. Methods of the client, built on its clock and menus.
import type { MenuOption } from "../../generated/openapi.js";
import { YeastarQueryError } from "../errors.js";
import { pick } from "../model/lookup.js";
import { isPeriod, type Period, type PeriodQuery, periodQuery, periods } from "../model/period.js";
import { reportSpecOf } from "../model/report-table.js";
import { checkQuery, type ReportQuery, type UncheckedQuery, uncheckQuery } from "../query/check.js";
import type { MenuName } from "../query/menus.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { wiredQuery } from "../query/wire.js";
import { diagnoseEmpty, type Finding } from "./diagnosis.js";

export interface OperatorDeps {
  clock: PbxClock;
  menuOptions(menu: MenuName, id?: string | number): Promise<MenuOption[]>;
  /** Whether the display format is read from the PBX (displayFormat "auto"). */
  formatFromPbx: boolean;
}

/** The client's operator methods (documented on YeastarClient). */
export function operatorMethods({ clock, menuOptions, formatFromPbx }: OperatorDeps) {
  return {
    async resolveIds(
      menus: readonly MenuName[],
      items: readonly string[],
      options: { queueId?: string; parameter?: string } = {},
    ) {
      const lists = await Promise.all(
        menus.map((m) => menuOptions(m, m === "queue_agent" ? options.queueId : undefined)),
      );
      const all = lists.flat();
      const parameter = options.parameter ?? menus.join("/");
      return items.map((item) => String(pick(all, item, menus.join("/"), parameter).value));
    },

    async period(name: Period, type: string): Promise<PeriodQuery> {
      if (!isPeriod(name)) {
        throw new YeastarQueryError(`unknown period ${JSON.stringify(name)}; periods: ${periods.join(", ")}`);
      }
      return periodQuery(name, await clock.now(), reportSpecOf(type)?.timeKind ?? "range");
    },

    async reportRequest(query: ReportQuery | UncheckedQuery, opts: { unchecked?: boolean } = {}): Promise<string> {
      const checked = opts.unchecked ? uncheckQuery(query).checked : checkQuery(query);
      const { wire, apiVersion, asyncParam } = await wiredQuery(clock, checked);
      // As the download flow sends it: is_async only when it asks for the async flow.
      const params = new URLSearchParams({ ...wire, ...(String(asyncParam) === "1" ? { is_async: "1" } : {}) });
      return `GET /openapi/${apiVersion}/call_report/download?${params}&access_token=[redacted]`;
    },

    async diagnoseEmpty(query: ReportQuery | UncheckedQuery, opts: { unchecked?: boolean } = {}): Promise<Finding[]> {
      const checked = opts.unchecked ? uncheckQuery(query).checked : checkQuery(query);
      const { wire, facts } = await wiredQuery(clock, checked, { format: true });
      const information = facts.information ?? (await clock.information().catch(() => undefined));
      const now = await clock.now();
      return diagnoseEmpty({ checked, wire, facts: { ...facts, information }, formatFromPbx, now, menuOptions });
    },
  };
}
