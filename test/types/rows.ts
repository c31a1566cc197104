// Compile-only: rows() of a report whose columns the spec knows (x-columns) name them, and stay open to
// columns a newer firmware adds; a type without evidence gives plain string records.
import type { createYeastarClient, KnownColumn, ReportRow } from "../../src/index.js";

declare const pbx: ReturnType<typeof createYeastarClient>;

const performance = await pbx.downloadReport({
  type: "queueperformance",
  queue_id_list: [1],
  start_time: "2024-05-01",
  end_time: "2024-05-31",
});
for await (const row of performance.rows({ withSection: true })) {
  const answered: string | undefined = row["Answered Rate"];
  const section: "summary" | "detail" | "total" | undefined = row._section;
  const added: string | undefined = row["A column of a newer firmware"];
  void [answered, section, added];
}

const known: KnownColumn<"queueperformance"> = "Answered Rate";
// @ts-expect-error "Answerd Rate" is not a column the spec knows for queueperformance
const misspelt: KnownColumn<"queueperformance"> = "Answerd Rate";
const dynamic: KnownColumn<"queuesatisfaction"> = "KEY: 1(5 Points)";
// @ts-expect-error the KEY: columns are queuesatisfaction's, not queueperformance's
const foreign: KnownColumn<"queueperformance"> = "KEY: 1(5 Points)";
// @ts-expect-error no evidence shows extcallstatistics' columns: none is known
const unknownType: KnownColumn<"extcallstatistics"> = "Answered";
const plain: ReportRow<"extcallstatistics"> = { Answered: "1", Anything: "x" };
// @ts-expect-error a row's values are strings
const notText: ReportRow<"queueperformance"> = { "Answered Rate": 5 };
void [known, misspelt, dynamic, foreign, unknownType, plain, notText];
