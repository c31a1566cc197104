// The CSV correctness corpus: what report.rows() must return, whatever parser is under it. Each case is a file
// as a PBX could send it and the rows (with `_section`) expected; the parser benchmark (scripts/bench/rows.ts)
// runs every candidate parser over it before its speed counts. Expected rows are those of csv-parse (the
// parser of rows() until 0.2), checked by hand.
export interface CorpusCase {
  name: string;
  csv: string;
  rows: Record<string, string>[];
}

const BOM = "\uFEFF";

export const corpus: CorpusCase[] = [
  {
    name: "CRLF, plain fields",
    csv: "Queue,Total Calls,Answered\r\n6400 - Sales,12,10\r\n6401 - Support,3,3\r\n",
    rows: [
      { Queue: "6400 - Sales", "Total Calls": "12", Answered: "10", _section: "summary" },
      { Queue: "6401 - Support", "Total Calls": "3", Answered: "3", _section: "summary" },
    ],
  },
  {
    name: "LF line ends, no final line break",
    csv: "Queue,Total Calls\n6400 - Sales,12\n6401 - Support,3",
    rows: [
      { Queue: "6400 - Sales", "Total Calls": "12", _section: "summary" },
      { Queue: "6401 - Support", "Total Calls": "3", _section: "summary" },
    ],
  },
  {
    name: "RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes",
    csv:
      'Time,Caller,Note\r\n2024/05/01 09:00:00,"1001 - Smith, John","said ""hello"""\r\n' +
      '2024/05/01 09:05:00,1002,"two\r\nlines"\r\n2024/05/01 09:06:00,1003,"lf\nonly"\r\n',
    rows: [
      { Time: "2024/05/01 09:00:00", Caller: "1001 - Smith, John", Note: 'said "hello"', _section: "summary" },
      { Time: "2024/05/01 09:05:00", Caller: "1002", Note: "two\r\nlines", _section: "summary" },
      { Time: "2024/05/01 09:06:00", Caller: "1003", Note: "lf\nonly", _section: "summary" },
    ],
  },
  {
    name: "UTF-8 BOM before the header",
    csv: `${BOM}Extension,Calls\r\n1001 - Ann,4\r\n`,
    rows: [{ Extension: "1001 - Ann", Calls: "4", _section: "summary" }],
  },
  {
    name: "non-ASCII names (multi-byte UTF-8, also split across chunks)",
    csv: "Extension,Caller Name\r\n1001 - Zoë,Jürgen Müller\r\n1002 - 王伟,Ελένη 🙂\r\n",
    rows: [
      { Extension: "1001 - Zoë", "Caller Name": "Jürgen Müller", _section: "summary" },
      { Extension: "1002 - 王伟", "Caller Name": "Ελένη 🙂", _section: "summary" },
    ],
  },
  {
    name: "need_detail: a summary, a blank line, a title, the detail table",
    csv:
      "Queue,Total Calls,Answered\r\n6400 - Sales,2,1\r\n\r\nCall Details\r\n" +
      "Time,Caller,Agent,Status,Talk Duration\r\n2024/05/01 09:00:00,+15550001,1001,ANSWERED,00:01:05\r\n" +
      "2024/05/01 09:10:00,+15550002,,NO ANSWER,00:00:00\r\n",
    rows: [
      { Queue: "6400 - Sales", "Total Calls": "2", Answered: "1", _section: "summary" },
      {
        Time: "2024/05/01 09:00:00",
        Caller: "+15550001",
        Agent: "1001",
        Status: "ANSWERED",
        "Talk Duration": "00:01:05",
        _section: "detail",
      },
      {
        Time: "2024/05/01 09:10:00",
        Caller: "+15550002",
        Agent: "",
        Status: "NO ANSWER",
        "Talk Duration": "00:00:00",
        _section: "detail",
      },
    ],
  },
  {
    name: "need_detail without a title line",
    csv: "Queue,Calls\r\n6400,1\r\n\r\nTime,Caller\r\n2024/05/01 09:00:00,+15550001\r\n",
    rows: [
      { Queue: "6400", Calls: "1", _section: "summary" },
      { Time: "2024/05/01 09:00:00", Caller: "+15550001", _section: "detail" },
    ],
  },
  {
    name: "short and long records: missing fields are empty, extra fields dropped",
    csv: "A,B,C\r\n1,2\r\n1,2,3,4\r\n,,\r\n",
    rows: [
      { A: "1", B: "2", C: "", _section: "summary" },
      { A: "1", B: "2", C: "3", _section: "summary" },
      { A: "", B: "", C: "", _section: "summary" },
    ],
  },
  {
    name: "semicolon delimiter (a PBX in a comma-decimal locale)",
    csv: 'Queue;Average Score\r\n"6400 - Sales; EMEA";4,5\r\n',
    rows: [{ Queue: "6400 - Sales; EMEA", "Average Score": "4,5", _section: "summary" }],
  },
  {
    name: "tab delimiter",
    csv: "Queue\tCalls\r\n6400 - Sales\t7\r\n",
    rows: [{ Queue: "6400 - Sales", Calls: "7", _section: "summary" }],
  },
  {
    name: 'header keys with spaces, quotes and non-ASCII (names trimmed: the vendor\'s own `"SLA "`)',
    csv: '"Queue ""Name""",Durée moyenne,Total Calls ,"SLA "\r\nSales,00:01:00,2,90%\r\n',
    rows: [
      { 'Queue "Name"': "Sales", "Durée moyenne": "00:01:00", "Total Calls": "2", SLA: "90%", _section: "summary" },
    ],
  },
  {
    // The shape of the only real export found (../shared/reference/report-content.md §1): one header, per queue a
    // summary row, an inner header one column in and its calls; a Total row ends the summary.
    name: "inline layout: call details under their queue's summary row, a Total row, BOM, CRLF",
    csv:
      `${BOM}Queue,Total Calls,Answered,Missed,Abandoned,Answered Rate \r\n` +
      "Sales<6404>,2,1,0,1,50.00%\r\n" +
      ",ID,Time,Call From,Agent,Status,Reason\r\n" +
      ',1,01/06/2025 04:44:13 PM,66331044,"Lee, Kefan<555>",Answered,Queue Kefan<6405> connected\r\n' +
      ",2,01/06/2025 04:50:02 PM,66331045,NONE,Abandoned(UnHandled//),66331045 hangup  \r\n" +
      "Support<6405>,1,1,0,0,100.00%\r\n" +
      ",ID,Time,Call From,Agent,Status,Reason\r\n" +
      ",3,01/06/2025 05:01:00 PM,1002,Ann<1001>,Answered,\r\n" +
      "Total,3,2,0,1,66.67%\r\n",
    rows: [
      {
        Queue: "Sales<6404>",
        "Total Calls": "2",
        Answered: "1",
        Missed: "0",
        Abandoned: "1",
        "Answered Rate": "50.00%",
        _section: "summary",
      },
      {
        Queue: "Sales<6404>",
        ID: "1",
        Time: "01/06/2025 04:44:13 PM",
        "Call From": "66331044",
        Agent: "Lee, Kefan<555>",
        Status: "Answered",
        Reason: "Queue Kefan<6405> connected",
        _section: "detail",
      },
      {
        Queue: "Sales<6404>",
        ID: "2",
        Time: "01/06/2025 04:50:02 PM",
        "Call From": "66331045",
        Agent: "NONE",
        Status: "Abandoned(UnHandled//)",
        Reason: "66331045 hangup  ",
        _section: "detail",
      },
      {
        Queue: "Support<6405>",
        "Total Calls": "1",
        Answered: "1",
        Missed: "0",
        Abandoned: "0",
        "Answered Rate": "100.00%",
        _section: "summary",
      },
      {
        Queue: "Support<6405>",
        ID: "3",
        Time: "01/06/2025 05:01:00 PM",
        "Call From": "1002",
        Agent: "Ann<1001>",
        Status: "Answered",
        Reason: "",
        _section: "detail",
      },
      {
        Queue: "Total",
        "Total Calls": "3",
        Answered: "2",
        Missed: "0",
        Abandoned: "1",
        "Answered Rate": "66.67%",
        _section: "total",
      },
    ],
  },
  {
    name: "an empty report: the header and a zero Total row",
    csv: "Queue,Total Calls,Answered\r\nTotal,0,0\r\n",
    rows: [{ Queue: "Total", "Total Calls": "0", Answered: "0", _section: "total" }],
  },
  {
    name: "a Total row in any case, quoted, after the rows of the sections layout",
    csv: 'Extension,Amount\r\n1001,2.50\r\n"TOTAL ",2.50\r\n',
    rows: [
      { Extension: "1001", Amount: "2.50", _section: "summary" },
      { Extension: "TOTAL ", Amount: "2.50", _section: "total" },
    ],
  },
  {
    name: "hostile header names: __proto__, a repeated name, the PBX's own _section, an empty name",
    csv: "__proto__,Name,Name,_section,\r\nx,a,b,c,d\r\n",
    rows: [
      JSON.parse(
        '{"__proto__":"x","Name":"a","Name (2)":"b","_section (2)":"c","column 5":"d","_section":"summary"}',
      ) as Record<string, string>,
    ],
  },
  {
    name: "header only: an empty report",
    csv: "Time,Caller,Callee\r\n",
    rows: [],
  },
  {
    name: "nothing at all",
    csv: "",
    rows: [],
  },
];
