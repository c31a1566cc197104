// call_report/download (sync and async, with event 30027) and the report files under /api/download/.

import { once } from "node:events";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { apiVersionFor } from "../model/api-version.js";
import { formatDateTime, wallClockAt } from "../model/pbx-time.js";
import { scheduledReports } from "./data.js";
import { type Json, json, PARAMETER_ERROR, type Pbx } from "./http.js";
import { layoutOf } from "./layouts.js";
import { buildReport, filler } from "./reports.js";
import { statisticsOf } from "./statistics.js";
import { randomToken } from "./tokens.js";
import { checkReportQuery } from "./validate.js";

/** x.21.0.117 or later: report data lives under v2.0 (the same rule the client's "auto" follows). */
export function servesV2(firmware: string): boolean {
  return apiVersionFor(firmware) === "v2.0";
}

interface StoredFile {
  body: Buffer;
  /** Serve this file from disk instead of body (the reportFile option). */
  path?: string | undefined;
  columns: number;
  size: number;
  expiresAt: number;
}

export class CallReports {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly pbx: Pbx) {}

  /** GET /openapi/{v}/call_report/download. */
  async download(
    res: http.ServerResponse,
    query: Record<string, string>,
    version: string,
    path: string,
    name?: string,
  ): Promise<void> {
    const { settings, faults } = this.pbx;
    if (version === "v2.0" && !servesV2(settings.firmwareVersion))
      return json(res, { errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
    if (query.is_async !== "1") return json(res, await this.prepare(query, version, path, name));
    const { is_async: _, ...syncQuery } = query;
    if (!checkReportQuery(query, this.pbx.format()).ok)
      return json(res, await this.prepare(query, version, path, name));
    const outcome = faults.take(path, ["never-ready", "async-failure"]);
    json(res, { errcode: 2, errmsg: "PROCESSING" });
    if (outcome?.kind === "never-ready") return;
    await sleep(settings.asyncDelayMs);
    const reply = await this.prepare(syncQuery, version, path, name);
    const failed = outcome?.kind === "async-failure" || reply.errcode !== 0;
    const msg = {
      key: "report_download",
      result: failed ? "failure" : "success",
      file: failed ? "" : reply.file,
      download_resource_url: failed ? "" : reply.download_resource_url,
      error: failed ? (outcome?.error ?? "report generation failed") : "",
      download_id: this.pbx.events.nextId(),
    };
    this.pbx.events.publish(30027, this.pbx.sn, msg, settings.eventMsgAsString);
  }

  /** GET /openapi/{v}/call_schedule_report/list: a page of the scheduled reports, sorted as asked. */
  scheduledList(res: http.ServerResponse, query: Record<string, string>): void {
    const by = query.sort_by === "name" ? "name" : "id";
    const sign = query.order_by === "desc" ? -1 : 1;
    const sorted = [...scheduledReports].sort(
      (a, b) => sign * String(a[by]).localeCompare(String(b[by]), "en", { numeric: true }),
    );
    const size = Number(query.page_size ?? sorted.length);
    const page = Number(query.page ?? 1);
    const data = sorted.slice((page - 1) * size, page * size).map(({ query: _, ...listed }) => listed);
    json(res, { errcode: 0, errmsg: "SUCCESS", total_number: sorted.length, data });
  }

  /** GET /openapi/{v}/call_schedule_report/download: the bound report, named after the schedule (sync or async). */
  async scheduledDownload(
    res: http.ServerResponse,
    query: Record<string, string>,
    version: string,
    path: string,
  ): Promise<void> {
    const scheduled = scheduledReports.find((r) => String(r.id) === query.id);
    if (!scheduled) return json(res, { errcode: 60001, errmsg: "DATA NOT FOUND" });
    const bound: Record<string, string> = {
      ...scheduled.query,
      ...(query.need_detail === "1" ? { need_detail: "1" } : {}),
    };
    if (query.is_async === "1") bound.is_async = "1";
    return this.download(res, bound, version, path, `${scheduled.name}.csv`);
  }

  /** GET /openapi/{v}/call_report/list: the numbers of the report the same query downloads, as JSON. */
  statistics(res: http.ServerResponse, query: Record<string, string>, version: string): void {
    if (version === "v2.0" && !servesV2(this.pbx.settings.firmwareVersion)) {
      json(res, { errcode: 10003, errmsg: "API VERSION UNSUPPORTED" });
      return;
    }
    const { is_async: _, ...reportQuery } = query;
    const built = this.generate(reportQuery, version, true);
    json(res, "reply" in built ? built.reply : statisticsOf(built.type, built.report?.body ?? "", built));
  }

  /** The report a query asks for (undefined with a report file unless `always`), or the check's failure. */
  private generate(query: Record<string, string>, version: string, always = false) {
    const { settings, clock } = this.pbx;
    const format = this.pbx.format();
    const check = checkReportQuery(query, format);
    if (!check.ok) {
      if (check.unknownType) return { reply: { errcode: -2, errmsg: "INTERNAL SERVER ERROR" } };
      return { reply: { ...PARAMETER_ERROR, invalid_param_list: check.invalid } };
    }
    const empty = version === "v1.0" && servesV2(settings.firmwareVersion);
    const now = wallClockAt(clock.now(), this.pbx.zone());
    const start = check.times.start_time ?? { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    const window = check.bucket ? undefined : { from: start, to: check.times.end_time ?? now };
    // With a report file, nothing is generated for a download: its bytes are every report's body.
    const report =
      settings.reportFile && !always
        ? undefined
        : buildReport(
            { type: check.type, query: check.query, format, now, empty, detailLayout: settings.detailLayout },
            window,
            check.bucket,
          );
    return { type: check.type, now, report, query: check.query, format };
  }

  /** Builds and registers a report; returns the reply fields (or the check's failure). */
  private async prepare(query: Record<string, string>, version: string, path: string, name?: string): Promise<Json> {
    const { settings, clock, faults } = this.pbx;
    const built = this.generate(query, version);
    if ("reply" in built) return built.reply;
    const { report, now } = built;
    const { reportFile } = settings;
    const prefix = report?.prefix ?? layoutOf(built.type).prefix;
    const stamp = formatDateTime(now, { date: "YYYY/MM/DD", clock: 24 }).replace(/\D/g, "");
    const file = name ?? `${prefix}-${settings.firmwareVersion}-download-${stamp}-${randomToken(16)}.csv`;
    const expiresAt = clock.now() + settings.downloadLifetime * 1000;
    if (reportFile) {
      const { size } = await stat(reportFile);
      this.files.set(file, { body: Buffer.alloc(0), path: reportFile, columns: 0, size, expiresAt });
    } else if (report) {
      const body = Buffer.from(report.body);
      const size = Math.max(body.length, settings.reportSize ?? 0);
      this.files.set(file, { body, columns: report.header.length, size, expiresAt });
    }
    const foreign = faults.take(path, ["foreign-download-url"]);
    const url = `/api/download/${encodeURIComponent(file)}`;
    const download_resource_url = foreign ? `${foreign.origin ?? "http://foreign.invalid"}${url}` : url;
    return { errcode: 0, errmsg: "SUCCESS", file, download_resource_url };
  }

  /** GET /api/download/{file}: the body, with the body faults applied. */
  async serveFile(res: http.ServerResponse, name: string, path: string): Promise<void> {
    const stored = this.files.get(name);
    if (!stored || stored.expiresAt <= this.pbx.clock.now()) {
      if (stored) this.files.delete(name);
      return json(res, { errcode: 60001, errmsg: "DATA NOT FOUND" }, 404);
    }
    const fault = this.pbx.faults.take(path, ["reset-during-body", "short-body", "stall-during-body"]);
    const slow = this.pbx.faults.take(path, ["slow-body"]);
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-length": stored.size,
      "content-disposition": `attachment; filename="${name}"`,
    });
    const limit = fault ? (fault.afterBytes ?? Math.floor(stored.size / 2)) : Infinity;
    const sent = await send(res, chunksOf(stored), limit, slow ? (slow.ms ?? 50) : undefined);
    if (sent === undefined) return;
    if (fault?.kind === "reset-during-body") return void res.socket?.resetAndDestroy();
    // Nothing more is sent; the connection stays open until the client (or close()) ends it.
    if (fault?.kind === "stall-during-body") return;
    // The socket ends (FIN) once what was written is flushed: the body stops short of its Content-Length.
    if (fault?.kind === "short-body") return void res.socket?.end();
    res.end();
  }
}

function chunksOf(stored: StoredFile): AsyncIterable<Buffer> | Iterable<Buffer> {
  if (stored.path) return createReadStream(stored.path, { highWaterMark: 256 * 1024 });
  return (function* () {
    yield stored.body;
    yield* filler(stored.columns, stored.size - stored.body.length);
  })();
}

/** Writes up to `limit` bytes, in 16 KiB slices `slowMs` apart when given; undefined when the client went away. */
async function send(
  res: http.ServerResponse,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  limit: number,
  slowMs: number | undefined,
): Promise<number | undefined> {
  let sent = 0;
  for await (const chunk of chunks) {
    const part = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
    sent += part.length;
    if (slowMs !== undefined) {
      for (let at = 0; at < part.length; at += 16 * 1024) {
        res.write(part.subarray(at, at + 16 * 1024));
        await sleep(slowMs);
        if (res.destroyed) return undefined;
      }
      continue;
    }
    if (!res.write(part)) await once(res, "drain");
    if (res.destroyed) return undefined;
    if (sent >= limit) break;
  }
  return sent;
}
