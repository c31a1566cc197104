// The simulator's options and the settings they resolve to.
import type { DateFormat } from "../model/pbx-time.js";
import type { DetailLayout } from "./details.js";
import type { TokenSettings } from "./tokens.js";

export interface SimulatorOptions extends Partial<TokenSettings> {
  /** @default 0 (any free port) */
  port?: number;
  /** The date display format. @default "YYYY/MM/DD" */
  dateFormat?: DateFormat;
  /** 12- or 24-hour clock. @default 24 */
  clock?: 12 | 24;
  /** The PBX's time zone, an IANA name. @default "UTC" (ignored when utcOffsetMinutes is set) */
  timeZone?: string;
  /** A fixed UTC offset instead of a zone, in minutes, e.g. 480 for UTC+8. */
  utcOffsetMinutes?: number | undefined;
  /** @default "37.23.0.123" (serves report data under v2.0) */
  firmwareVersion?: string;
  /** @default "Yeastar P570" */
  modelName?: string;
  /**
   * The Appliance edition reports a hardware version; the Software and Cloud editions do not ("" for none). @default
   * "V1.00 0000-0000"
   */
  hardwareVersion?: string;
  /** Seconds a download_resource_url stays valid. @default 1800 */
  downloadLifetime?: number;
  /** Every report file is padded with filler rows to exactly this many bytes (when larger than its rows). */
  reportSize?: number | undefined;
  /** Serve this file (e.g. a real PBX export) as the body of every report, streamed from disk. */
  reportFile?: string | undefined;
  /**
   * Where need_detail=1 puts the call details: "inline" under each summary row, as the real export does, or
   * "sections" after a blank line (this simulator's earlier, assumed layout). @default "inline"
   */
  detailLayout?: DetailLayout;
  /** Every HTTP answer waits this many milliseconds first: a network's round trip (fleet benchmarks). @default 0 */
  latencyMs?: number;
  /** Milliseconds between an async request and its event 30027. @default 20 */
  asyncDelayMs?: number;
  /** Send event 30027's `msg` as a JSON string instead of an object. @default false */
  eventMsgAsString?: boolean;
  /** A WebSocket with no message for this long is dropped. @default 60000 */
  idleTimeoutMs?: number;
  /**
   * How many of the latest requests `requests` holds (the oldest dropped first), so that a simulator left running
   * does not grow without bound; 0 keeps none. @default 10000
   */
  requestLog?: number;
  /** The simulated clock starts here (epoch ms), then runs with real time. @default Date.now() */
  startTime?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** The options that stay optional in the settings. */
export type OptionalSetting = "utcOffsetMinutes" | "reportSize" | "reportFile";

/** The settings in force; assign to change behaviour between requests (e.g. `settings.dateFormat`). */
export type SimulatorSettings = Required<Omit<SimulatorOptions, "port" | "tls" | "startTime" | OptionalSetting>> &
  Pick<SimulatorOptions, OptionalSetting>;

export function settingsOf(options: SimulatorOptions, clientSecret: string): SimulatorSettings {
  return {
    clientId: options.clientId ?? "simulator-client",
    clientSecret: options.clientSecret ?? clientSecret,
    accessTokenLifetime: options.accessTokenLifetime ?? 1800,
    refreshTokenLifetime: options.refreshTokenLifetime ?? 86400,
    maxTokens: options.maxTokens ?? 8,
    maxFailedLogins: options.maxFailedLogins ?? 5,
    blockSeconds: options.blockSeconds ?? 1800,
    refreshRevokesAccessToken: options.refreshRevokesAccessToken ?? true,
    dateFormat: options.dateFormat ?? "YYYY/MM/DD",
    clock: options.clock ?? 24,
    timeZone: options.timeZone ?? "UTC",
    utcOffsetMinutes: options.utcOffsetMinutes,
    firmwareVersion: options.firmwareVersion ?? "37.23.0.123",
    modelName: options.modelName ?? "Yeastar P570",
    hardwareVersion: options.hardwareVersion ?? "V1.00 0000-0000",
    downloadLifetime: options.downloadLifetime ?? 1800,
    latencyMs: options.latencyMs ?? 0,
    reportSize: options.reportSize,
    reportFile: options.reportFile,
    detailLayout: options.detailLayout ?? "inline",
    asyncDelayMs: options.asyncDelayMs ?? 20,
    eventMsgAsString: options.eventMsgAsString ?? false,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    requestLog: options.requestLog ?? 10_000,
  };
}
