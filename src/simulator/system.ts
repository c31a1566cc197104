// system/information and system/get_menuoptions of the simulated PBX.
import type http from "node:http";
import { formatDateTime, wallClockAt } from "../model/pbx-time.js";
import { menuOptions, pauseReasons } from "./data.js";
import { json, PARAMETER_ERROR, type Pbx } from "./http.js";

/** As the vendor documents it ("Query PBX Information"): the facts under `data`, up_time in seconds. */
export function systemInformation(pbx: Pbx, res: http.ServerResponse): void {
  const { settings } = pbx;
  const f = pbx.format();
  const now = pbx.clock.now();
  const systemTime = formatDateTime(wallClockAt(now, pbx.zone()), f);
  const data = {
    device_name: "PBX",
    model_name: settings.modelName,
    sn: pbx.sn,
    ...(settings.hardwareVersion ? { hardware_version: settings.hardwareVersion } : {}),
    firmware_version: settings.firmwareVersion,
    system_time: systemTime,
    up_time: Math.floor((now - pbx.started) / 1000),
    system_date_format: settings.dateFormat,
    // As the live PBX shows it: "hh:mm:ss" for 24-hour, and the current meridiem for 12-hour.
    system_time_format: f.clock === 24 ? "hh:mm:ss" : `hh:mm:ss ${systemTime.slice(-2)}`,
    timestamp: Math.floor(now / 1000),
  };
  json(res, { errcode: 0, errmsg: "SUCCESS", data });
}

/** queue_pause_reason/list: a page of the pause reasons (all of them without page/page_size). */
export function listPauseReasons(res: http.ServerResponse, query: Record<string, string>): void {
  const size = Number(query.page_size ?? pauseReasons.length);
  const page = Number(query.page ?? 1);
  if (!(Number.isInteger(size) && size >= 1 && Number.isInteger(page) && page >= 1)) {
    const field = Number.isInteger(page) && page >= 1 ? "page_size" : "page";
    json(res, { ...PARAMETER_ERROR, invalid_param_list: [{ field, value: query[field] ?? "" }] });
    return;
  }
  json(res, { errcode: 0, errmsg: "SUCCESS", data: pauseReasons.slice((page - 1) * size, page * size) });
}

/** Get Menu Options: the simulated PBX's entities; a wrong menu, or queue_agent without a known queue, is 40002. */
export function getMenuOptions(res: http.ServerResponse, query: Record<string, string>): void {
  const options = menuOptions(query.menu ?? "", query.id);
  if (!options) {
    const field = query.menu === "queue_agent" ? "id" : "menu";
    json(res, {
      ...PARAMETER_ERROR,
      invalid_param_list: [{ field, value: field === "id" ? (query.id ?? "") : (query.menu ?? "") }],
    });
    return;
  }
  json(res, { errcode: 0, errmsg: "SUCCESS", data: options.map((o) => ({ text: o.label, value: o.id })) });
}
