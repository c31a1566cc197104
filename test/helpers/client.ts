// A client wired to a simulator, with short retry delays, and a fetch that records what it sent
// (it passes every request on to the real fetch: nothing is mocked).
import { createYeastarClient, type YeastarClientOptions } from "../../src/index.js";
import type { Simulator } from "../../src/simulator/index.js";

export function clientFor(sim: Simulator, options: Partial<YeastarClientOptions> = {}) {
  const sent: string[] = [];
  const logs: string[] = [];
  const pbx = createYeastarClient({
    baseUrl: sim.baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    retryDelay: 5,
    fetch: (request) => {
      sent.push(request.url);
      return globalThis.fetch(request);
    },
    logger: { debug: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...options,
  });
  /** The access tokens the client actually sent. */
  const tokensSent = () => [
    ...new Set(sent.map((u) => new URL(u).searchParams.get("access_token")).filter((t): t is string => !!t)),
  ];
  return { pbx, sent, logs, tokensSent };
}

/** The requests the simulator received for a path (substring). */
export const received = (sim: Simulator, path: string) => sim.requests.filter((r) => r.path.includes(path));
