// What an operator asks of a PBX besides a report: IDs by number or name, a named period on the PBX's
// calendar, and why a report came back empty. Methods of the client, built on its clock and menus.
import type { MenuOption } from "../../generated/openapi.js";
import { diagnoseEmpty, type Finding } from "./diagnosis.js";
import { YeastarQueryError } from "../errors.js";
import { pick } from "../model/lookup.js";
import type { MenuName } from "../query/menus.js";
import type { PbxClock } from "../query/pbx-clock.js";
import { isPeriod, periodQuery, periods, type Period, type PeriodQuery } from "../model/period.js";
import { checkQuery, type ReportQuery, type UncheckedQuery, uncheckQuery } from "../query/check.js";
import { wiredQuery } from "../query/wire.js";
import { reportSpecOf } from "../model/report-table.js";

export interface OperatorDeps {
  clock: PbxClock;
  menuOptions(menu: MenuName, id?: string | number): Promise<MenuOption[]>;
  /** Whether the display format is read from the PBX (displayFormat "auto"). */
  formatFromPbx: boolean;
}

export function operatorMethods({ clock, menuOptions, formatFromPbx }: OperatorDeps) {
  return {
    /**
     * The IDs that numbers or names stand for (`6400`, `Sales`), by Get Menu Options: each item must match
     * one option of the menus as a whole word; none or several is a YeastarQueryError listing the options.
     * @example await pbx.resolveIds(["queue"], ["6400", "Support"]) // ["1", "2"]
     */
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

    /**
     * A named period on the PBX's calendar (its wall clock, not this machine's), as the query fields of a
     * report type: whole days for range reports, the day, month or year bucket for activity reports.
     * @example { ...(await pbx.period("last-month", "queueperformance")) }
     * // { start_time: "2024-04-01T00:00:00", end_time: "2024-04-30T23:59:59" }
     */
    async period(name: Period, type: string): Promise<PeriodQuery> {
      if (!isPeriod(name)) {
        throw new YeastarQueryError(`unknown period ${JSON.stringify(name)}; periods: ${periods.join(", ")}`);
      }
      return periodQuery(name, await clock.now(), reportSpecOf(type)?.timeKind ?? "range");
    },

    /**
     * The report request that downloadReport would send, without sending it: times in the PBX's display
     * format, the API version chosen, the token shown as [redacted].
     * @example await pbx.reportRequest({ type: "ivr", ivr_id_list: 1, start_time: "2024-05-01" })
     * // "GET /openapi/v2.0/call_report/download?type=ivr&ivr_id_list=1&start_time=2024%2F05%2F01+00%3A00%3A00
     * //  &access_token=[redacted]"
     */
    async reportRequest(query: ReportQuery | UncheckedQuery, opts: { unchecked?: boolean } = {}): Promise<string> {
      const checked = opts.unchecked ? uncheckQuery(query).checked : checkQuery(query);
      const { wire, apiVersion, asyncParam } = await wiredQuery(clock, checked);
      // As the download flow sends it: is_async only when it asks for the async flow.
      const params = new URLSearchParams({ ...wire, ...(String(asyncParam) === "1" ? { is_async: "1" } : {}) });
      return `GET /openapi/${apiVersion}/call_report/download?${params}&access_token=[redacted]`;
    },

    /** Why a report came back empty: each cause checked where it can be, with what to try next. */
    async diagnoseEmpty(query: ReportQuery | UncheckedQuery, opts: { unchecked?: boolean } = {}): Promise<Finding[]> {
      const checked = opts.unchecked ? uncheckQuery(query).checked : checkQuery(query);
      const { wire, facts } = await wiredQuery(clock, checked, { format: true });
      const information = facts.information ?? (await clock.information().catch(() => undefined));
      const now = await clock.now();
      return diagnoseEmpty({ checked, wire, facts: { ...facts, information }, formatFromPbx, now, menuOptions });
    },
  };
}
