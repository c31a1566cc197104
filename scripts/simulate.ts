// `npm run simulate -- [--port N] [--date-format MM/DD/YYYY] [--clock 12|24] [--report-size BYTES] [--report-file CSV] [--json]`:
// runs the PBX simulator until interrupted and prints its base URL and credentials.
import { parseArgs } from "node:util";
import { startSimulator } from "../src/simulator/index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "date-format": { type: "string" },
    clock: { type: "string" },
    "time-zone": { type: "string" },
    firmware: { type: "string" },
    "report-size": { type: "string" },
    "report-file": { type: "string" },
    json: { type: "boolean" },
  },
});
const sim = await startSimulator({
  port: values.port ? Number(values.port) : 0,
  ...(values["date-format"] ? { dateFormat: values["date-format"] as "YYYY/MM/DD" } : {}),
  ...(values.clock ? { clock: Number(values.clock) === 12 ? 12 : 24 } : {}),
  ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}),
  ...(values.firmware ? { firmwareVersion: values.firmware } : {}),
  ...(values["report-size"] ? { reportSize: Number(values["report-size"]) } : {}),
  ...(values["report-file"] ? { reportFile: values["report-file"] } : {}),
});
const facts = { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, pid: process.pid };
if (values.json) console.log(JSON.stringify(facts));
else console.log(`PBX simulator on ${sim.baseUrl}\n  client id:     ${sim.clientId}\n  client secret: ${sim.clientSecret}\nCtrl-C to stop.`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
