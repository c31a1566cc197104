// What the client must know of the PBX to write times and pick the API version: read once per client
// from system/information, and only when an option set to "auto" needs it.

import type { DeviceInfo, SystemInformation } from "../../generated/openapi.js";
import { YeastarError } from "../errors.js";
import { type ApiVersion, apiVersionFor } from "../model/api-version.js";
import {
  type DisplayFormat,
  displayFormatOf,
  offsetFromSystemTime,
  parseDateTime,
  type WallClock,
  wallClockAt,
  wallClockToUtcMs,
  type Zone,
} from "../model/pbx-time.js";

export interface PbxFacts {
  format: DisplayFormat;
  /** The zone instants are shown in: the configured IANA zone, or the offset derived from system_time − timestamp. */
  zone: Zone | undefined;
  apiVersion: ApiVersion;
  /** system/information's `data`, when it was read. */
  information: DeviceInfo | undefined;
}

const text = [
  "device_name",
  "model_name",
  "sn",
  "hardware_version",
  "firmware_version",
  "system_time",
  "system_date_format",
  "system_time_format",
] as const;
const whole = ["up_time", "timestamp"] as const;

/** The facts of `value` that have the documented types; anything else a PBX sends is left out. */
function factsOf(value: unknown): DeviceInfo {
  const info: DeviceInfo = {};
  if (!value || typeof value !== "object") return info;
  const source = value as Record<string, unknown>;
  for (const key of text) {
    const v = source[key];
    if (typeof v === "string") info[key] = v;
  }
  for (const key of whole) {
    const v = source[key];
    if (typeof v === "number" && Number.isFinite(v)) info[key] = v;
  }
  return info;
}

/**
 * The PBX's facts from a system/information reply. The vendor documents them under `data`; a reply
 * with them at the top level (as an earlier reading of the API had it) is read too, so that neither
 * shape leaves the client without the display format.
 */
export function deviceInfoOf(reply: SystemInformation): DeviceInfo {
  const nested = factsOf(reply.data);
  if (Object.keys(nested).length > 0) return nested;
  return factsOf(reply);
}

export interface ClockOptions {
  displayFormat: "auto" | DisplayFormat;
  timeZone: "auto" | string;
  apiVersion: "auto" | ApiVersion;
}

export class PbxClock {
  private pending: Promise<DeviceInfo> | undefined;
  /** When system/information was read (this machine's clock). */
  private readAt = 0;

  constructor(
    private readonly options: ClockOptions,
    private readonly fetchInformation: () => Promise<SystemInformation>,
  ) {}

  /** system/information's facts, read once (a failed read is tried again next time). */
  information(): Promise<DeviceInfo> {
    const read = (reply: SystemInformation) => {
      this.readAt = Date.now();
      return deviceInfoOf(reply);
    };
    this.pending ??= this.fetchInformation().then(read, (error: unknown) => {
      this.pending = undefined; // a failed read is tried again next time
      throw error;
    });
    return this.pending;
  }

  /**
   * The PBX's wall clock now, on its own calendar: its system_time (plus the time since it was read), or
   * this machine's clock in the PBX's zone when system_time cannot be read.
   */
  async now(): Promise<WallClock> {
    const facts = await this.facts({ format: true, zone: true, apiVersion: false });
    const info = facts.information ?? (await this.information().catch(() => undefined));
    const shown = info?.system_time === undefined ? undefined : parseDateTime(info.system_time, facts.format);
    if (shown) return wallClockAt(wallClockToUtcMs(shown) + (Date.now() - this.readAt), { offsetMinutes: 0 });
    if (facts.zone) return wallClockAt(Date.now(), facts.zone);
    throw new YeastarError("the PBX's clock is unknown (no readable system_time, no time zone); pass timeZone");
  }

  /** The facts a call needs; reads system/information only when an "auto" option needs it. */
  async facts(need: { format: boolean; zone: boolean; apiVersion: boolean }): Promise<PbxFacts> {
    const o = this.options;
    const needsInfo =
      (need.format && o.displayFormat === "auto") ||
      (need.zone && o.timeZone === "auto") ||
      (need.apiVersion && o.apiVersion === "auto");
    const info = needsInfo ? await this.information() : undefined;
    let format: DisplayFormat = o.displayFormat === "auto" ? { date: "YYYY/MM/DD", clock: 24 } : o.displayFormat;
    if (info && o.displayFormat === "auto") {
      try {
        format = displayFormatOf(info);
      } catch (error) {
        throw new YeastarError((error as Error).message);
      }
    }
    let zone: Zone | undefined = o.timeZone === "auto" ? undefined : { iana: o.timeZone };
    if (info && o.timeZone === "auto" && info.system_time && typeof info.timestamp === "number") {
      const offset = offsetFromSystemTime(info.system_time, info.timestamp, format);
      if (offset !== undefined) zone = { offsetMinutes: offset };
    }
    if (info && o.apiVersion === "auto" && info.firmware_version === undefined) {
      throw new YeastarError(
        "the PBX's system/information reply holds no firmware_version, which picks the API version of report " +
          'calls; pass apiVersion ("v2.0" for data from firmware x.21.0.117 on, "v1.0" for older data; --api-version ' +
          "on the command line)",
      );
    }
    const apiVersion = o.apiVersion === "auto" ? apiVersionFor(info?.firmware_version) : o.apiVersion;
    return { format, zone, apiVersion, information: info };
  }
}
