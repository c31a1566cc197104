// Report files as a real PBX writes them. The inline file follows the only real export found (a Queue Performance
// report with call details: ../shared/reference/report-content.md §1): one header line, per queue a summary row, an
// inner header one column in, its call rows; a Total row; a UTF-8 BOM; CRLF. Its values are ours, in the export's
// shapes (Name<ext>, NONE, HH:MM:SS, % rates, Abandoned(UnHandled//)). The sections file is the layout our simulator
// wrote before that export was found (blank line, title, own header): an ASSUMPTION, kept readable.

const crlf = (lines: string[]) => `${lines.join("\r\n")}\r\n`;

const summaryHeader =
  "Queue,Total Calls,Answered,Missed,Abandoned,AVG Handle Time,AVG Waiting Time (Answered Calls)," +
  "AVG Waiting Time (All Calls),Max Waiting Time (All Calls),Average Talking Time,Answered Rate ,Abandon Rate";
const innerHeader = ",ID,Time,Call From,Agent,Status,Ring Duration,Talk Duration,Hold Duration,Reason";

/** Two queues with details, a quoted comma in an agent's name, a header name with a trailing space, a Total row. */
export const inlineExport = `\uFEFF${crlf([
  summaryHeader,
  "Sales<6400>,2,1,0,1,00:01:10,00:00:05,00:00:12,00:00:19,00:01:10,50.00%,50.00%",
  innerHeader,
  ',1,06/01/2024 09:00:01 AM,+15550001,"Chen, Alice<1001>",Answered,00:00:05,00:01:10,00:00:00,Queue Sales<6400> connected',
  ",2,06/01/2024 09:10:00 AM,+15550002,NONE,Abandoned(UnHandled//),00:00:19,00:00:00,00:00:00,+15550002 hangup ",
  "Support<6401>,1,1,0,0,00:02:00,00:00:08,00:00:08,00:00:08,00:02:00,100.00%,0.00%",
  innerHeader,
  ",3,06/01/2024 10:00:00 AM,+15550003,Bob<1002>,Answered,00:00:08,00:02:00,00:00:00,Queue Support<6401> connected",
  "Total,3,2,0,1,00:01:35,00:00:06,00:00:10,00:00:19,00:01:35,66.67%,33.33%",
])}`;

const summary = (queue: string, values: string[]) => ({
  _section: "summary",
  Queue: queue,
  ...Object.fromEntries(
    summaryHeader
      .split(",")
      .slice(1)
      .map((name, i) => [name.trim(), values[i]!]),
  ),
});
const detail = (queue: string, values: string[]) => ({
  _section: "detail",
  Queue: queue,
  ...Object.fromEntries(
    innerHeader
      .split(",")
      .slice(1)
      .map((name, i) => [name, values[i]!]),
  ),
});

/** The rows of point 1 of issue 19 for `inlineExport`, with `_section`. */
export const inlineRows = [
  summary("Sales<6400>", "2,1,0,1,00:01:10,00:00:05,00:00:12,00:00:19,00:01:10,50.00%,50.00%".split(",")),
  detail("Sales<6400>", [
    "1",
    "06/01/2024 09:00:01 AM",
    "+15550001",
    "Chen, Alice<1001>",
    "Answered",
    "00:00:05",
    "00:01:10",
    "00:00:00",
    "Queue Sales<6400> connected",
  ]),
  detail("Sales<6400>", [
    "2",
    "06/01/2024 09:10:00 AM",
    "+15550002",
    "NONE",
    "Abandoned(UnHandled//)",
    "00:00:19",
    "00:00:00",
    "00:00:00",
    "+15550002 hangup ",
  ]),
  summary("Support<6401>", "1,1,0,0,00:02:00,00:00:08,00:00:08,00:00:08,00:02:00,100.00%,0.00%".split(",")),
  detail("Support<6401>", [
    "3",
    "06/01/2024 10:00:00 AM",
    "+15550003",
    "Bob<1002>",
    "Answered",
    "00:00:08",
    "00:02:00",
    "00:00:00",
    "Queue Support<6401> connected",
  ]),
  {
    ...summary("Total", "3,2,0,1,00:01:35,00:00:06,00:00:10,00:00:19,00:01:35,66.67%,33.33%".split(",")),
    _section: "total",
  },
];

/** The same report in the sections layout: summary table, blank line, a title, the call details' own header. */
export const sectionsExport = crlf([
  summaryHeader,
  "Sales<6400>,2,1,0,1,00:01:10,00:00:05,00:00:12,00:00:19,00:01:10,50.00%,50.00%",
  "Support<6401>,1,1,0,0,00:02:00,00:00:08,00:00:08,00:00:08,00:02:00,100.00%,0.00%",
  "Total,3,2,0,1,00:01:35,00:00:06,00:00:10,00:00:19,00:01:35,66.67%,33.33%",
  "",
  "Call Details",
  "Queue,ID,Time,Call From,Agent,Status,Ring Duration,Talk Duration,Hold Duration,Reason",
  'Sales<6400>,1,06/01/2024 09:00:01 AM,+15550001,"Chen, Alice<1001>",Answered,00:00:05,00:01:10,00:00:00,Queue Sales<6400> connected',
  "Sales<6400>,2,06/01/2024 09:10:00 AM,+15550002,NONE,Abandoned(UnHandled//),00:00:19,00:00:00,00:00:00,+15550002 hangup ",
  "Support<6401>,3,06/01/2024 10:00:00 AM,+15550003,Bob<1002>,Answered,00:00:08,00:02:00,00:00:00,Queue Support<6401> connected",
]);

/** The rows of `sectionsExport`: the same rows, the summaries and the total first. */
export const sectionsRows = [inlineRows[0], inlineRows[3], inlineRows[5], inlineRows[1], inlineRows[2], inlineRows[4]];

/** An empty report as the export shows it: the header and a Total row of zeros. */
export const emptyExport = `\uFEFF${crlf([summaryHeader, "Total,0,0,0,0,00:00:00,00:00:00,00:00:00,00:00:00,00:00:00,0.00%,0.00%"])}`;

/** A newer firmware's column the spec does not know (`"SLA "`, trailing space, from an older P-Series UI). */
export const unknownColumnExport = crlf([
  `${summaryHeader},SLA `,
  "Sales<6400>,2,1,0,1,00:01:10,00:00:05,00:00:12,00:00:19,00:01:10,50.00%,50.00%,90%",
  "Total,2,1,0,1,00:01:10,00:00:05,00:00:12,00:00:19,00:01:10,50.00%,50.00%,90%",
]);
