// The vendor's documented example replies, transcribed from its pages (help.yeastar.com, P-Series developer
// guide) as they stand, each naming its page. Not read back from spec/ or the simulator: these are the
// second source of truth. Where a page shows no example, the entry says what it rests on instead.

export interface VendorExample {
  /** The spec's operation ("METHOD /path template") or event ("event NAME"). */
  operation: string;
  /** The HTTP status of the reply ("payload" for an event). */
  status: string;
  /** The page the example is transcribed from, and what else it rests on. */
  source: string;
  body: unknown;
}

const pages = "https://help.yeastar.com";

export const vendor = {
  getToken: {
    operation: "POST /openapi/v1.0/get_token",
    status: "200",
    source: `Get Access Token, response example (${pages}/en/p-series-appliance-edition/developer-guide/get-access-token.html; the Software and zh-cn Cloud pages show the same)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      access_token_expire_time: 1800,
      access_token: "EXZMpZAO86mbrKm6rFtgeb3rfcpC9uqS",
      refresh_token_expire_time: 86400,
      refresh_token: "SCduGecwbG9jIusiS8FxFUVn3kf0Q9R8",
    },
  },
  refreshToken: {
    operation: "POST /openapi/v1.0/refresh_token",
    status: "200",
    source: `Refresh Access Token, response example (${pages}/zh-cn/p-series-cloud-edition/developer-guide/refresh-access-token.html)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      access_token_expire_time: 1800,
      access_token: "4JkX5GQObeL9MGcPZDN4o4Ecv114Jo1e",
      refresh_token_expire_time: 86400,
      refresh_token: "fTyEpc1OTDU2vckJauWL6uBRasYYpbKU",
    },
  },
  delToken: {
    operation: "GET /openapi/v1.0/del_token",
    status: "200",
    source: `Revoke Access Token, response example (${pages}/en/p-series-cloud-edition/developer-guide/revoke-access-token.html)`,
    body: { errcode: 0, errmsg: "SUCCESS" },
  },
  systemInformationAppliance: {
    operation: "GET /openapi/v1.0/system/information",
    status: "200",
    source: `Query PBX Information, Appliance edition, response example (${pages}/en/p-series-appliance-edition/developer-guide/query-pbx-information.html)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      data: {
        device_name: "PBX",
        model_name: "Yeastar P550",
        sn: "3631A2124XXX",
        hardware_version: "V1.00 0000-0000",
        firmware_version: "X.7.0.16",
        system_time: "2025/08/22 16:44:40",
        up_time: 24852,
        system_date_format: "YYYY/MM/DD",
        system_time_format: "hh:mm:ss",
        timestamp: 1755852280,
      },
    },
  },
  systemInformationSoftware: {
    operation: "GET /openapi/v1.0/system/information",
    status: "200",
    source: `Query PBX Information, Software edition, response example (${pages}/zh-cn/p-series-software-edition/developer-guide/query-pbx-information.html)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      data: {
        device_name: "PBX",
        model_name: "P-Series Software Edition",
        sn: "3631A2124XXX",
        firmware_version: "X.7.0.16",
        system_time: "2025/08/22 16:44:40",
        up_time: 24852,
        system_date_format: "YYYY/MM/DD",
        system_time_format: "hh:mm:ss",
        timestamp: 1755852280,
      },
    },
  },
  menuOptions: {
    operation: "GET /openapi/v1.0/system/get_menuoptions",
    status: "200",
    source:
      `Get Menu Options, response parameter table: data Array<Options> of text, value (String), type, item Array<Sub_Org> ` +
      `(${pages}/en/p-series/developer-guide/get-menu-options.html, ${pages}/zh-cn/p-series-appliance-edition/developer-guide/get-menu-options.html). ` +
      "The pages' example bodies are cut off in every public copy: this reply is built from the table, values ours.",
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      data: [
        { text: "SIP-Carrier-A", value: "1", type: "register" },
        { text: "Sales", value: "2", item: [{ text: "Inside sales", value: "3" }] },
      ],
    },
  },
  callReportDownload: {
    operation: "GET /openapi/{api_version}/call_report/download",
    status: "200",
    source: `Download a Call Report, response example (${pages}/en/p-series/developer-guide/download-a-call-report.html; ../shared/reference/download-a-call-report.txt)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      file: "QueueSatisfaction-X.7.0.7-download-20220608094753-ejP6Z6htIfhsCQbP.csv",
      download_resource_url: "/api/download/QueueSatisfaction-x.7.0.7-download-20220608094753-ejP6Z6htIfhsCQbP.csv",
    },
  },
  callReportProcessing: {
    operation: "GET /openapi/{api_version}/call_report/download",
    status: "200",
    source: `Download a Call Report, response table: "If you choose to retrieve data asynchronously, error code 2 and error message PROCESSING will be returned" (${pages}/en/p-series-cloud-edition/developer-guide/download-a-call-report.html); no example body`,
    body: { errcode: 2, errmsg: "PROCESSING" },
  },
  callReportParameterError: {
    operation: "GET /openapi/{api_version}/call_report/download",
    status: "200",
    source:
      "No vendor page shows a 40002 reply: observed live on a P570 (37.23.0.123, DD/MM/YYYY, 12-hour) by " +
      "omarhishambadawi/milaportal, docs/yeastar/sprint2-source-validation.md",
    body: {
      errcode: 40002,
      errmsg: "PARAMETER ERROR",
      invalid_param_list: [
        { field: "start_time", valid_msg: "start_time format invalid, valid format: 02/01/2006 03:04:05 PM" },
      ],
    },
  },
  scheduledList: {
    operation: "GET /openapi/{api_version}/call_schedule_report/list",
    status: "200",
    source:
      `Query Scheduled Call Report List, response example of sort_by=name&order_by=desc (${pages}/en/p-series-cloud-edition/` +
      "developer-guide/query-scheduled-call-report-list.html); every public copy is cut after the third entry",
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      total_number: 6,
      data: [
        { id: 6, name: "test-extension-report", format: "csv", date: "2022/04/12 19:19:38" },
        { id: 3, name: "Support", format: "csv", date: "2022/03/14 13:17:57" },
        { id: 5, name: "Support2", format: "csv", date: "2022/03/14 18:00:00" },
      ],
    },
  },
  scheduledDownload: {
    operation: "GET /openapi/{api_version}/call_schedule_report/download",
    status: "200",
    source: `Download a Scheduled Call Report, response example of id=5 (${pages}/en/p-series-cloud-edition/developer-guide/download-a-scheduled-call-report.html)`,
    body: { errcode: 0, errmsg: "SUCCESS", file: "Support.csv", download_resource_url: "/api/download/Support.csv" },
  },
  pauseReasons: {
    operation: "GET /openapi/v1.0/queue_pause_reason/list",
    status: "200",
    source: `Query Queue Pause Reason List, response example (${pages}/en/p-series-software-edition/developer-guide/query-queue-pause-reason-list.html)`,
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      data: [
        { code: "*01", reason: "Lunch" },
        { code: "*02", reason: "Break" },
        { code: "*03", reason: "Wrap up" },
        { code: "*04", reason: "Task Transfer" },
      ],
    },
  },
  event30027: {
    operation: "event reportDownload",
    status: "payload",
    source: `(30027) Call Report Download Result, report example, lower-case "success" (${pages}/en/p-series-cloud-edition/developer-guide/event-report-download.html; the zh-cn page shows the same)`,
    body: {
      type: 30027,
      msg: {
        key: "report_download",
        result: "success",
        file: "Sep-Agent-Performance_detail.csv",
        download_resource_url: "/api/download/Sep-Agent-Performance_detail.csv",
        error: "",
        download_id: 8,
      },
    },
  },
} satisfies Record<string, VendorExample>;

/** The request examples the client's requests are held against. */
export const vendorRequests = {
  credentials: {
    source: `Get Access Token, request example (${pages}/en/p-series-appliance-edition/developer-guide/get-access-token.html)`,
    username: "UEnH9Dmv6uBJEXsYcag1trNfQThYXXXX",
    password: "ZLcXl63S9EtMnYoHUnjbVo6sA8CbXXXX",
  },
  callReportList: {
    source:
      `Query Call Report List, request example, quoted verbatim by omarhishambadawi/milaportal from the vendor page ` +
      `(${pages}/en/p-series-appliance-edition/developer-guide/query-call-report-list.html; no public copy of the ` +
      "page holds it whole): a Year/Month/Day, 12-hour PBX, under v1.0",
    query: {
      type: "extcallstatistics",
      start_time: "2022/04/01 12:00:00 AM",
      end_time: "2022/04/15 11:59:59 PM",
      ext_id_list: "34",
      communication_type: "Inbound",
    },
  },
  fileStep: {
    source: `Download a Call Report, "Download link format": GET {base_url}/{download_resource_url}?access_token={access_token} (${pages}/en/p-series/developer-guide/download-a-call-report.html)`,
  },
};

/**
 * Replies no vendor page shows, in the shape third-party code reads from live PBXs: served by the stub where a
 * vendor example is missing, never counted as the vendor's word.
 */
export const thirdParty = {
  callReportList: {
    source: "FOEDI yeastar_mcp, src/yeastar_mcp/services.py (reads ext_call_statistics_list and total_number)",
    body: {
      errcode: 0,
      errmsg: "SUCCESS",
      total_number: 1,
      ext_call_statistics_list: [
        { ext_num: "34", total_call_count: 12, answered_calls: 9, no_answer_calls: 2, busy_calls: 1 },
      ],
    },
  },
};
