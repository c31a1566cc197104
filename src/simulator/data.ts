// The simulated PBX's configuration: the extensions, trunks, IVRs, ring groups and queues that Get Menu
// Options lists and that reports are built from. Fixed, so reports are deterministic.

export interface Entity {
  /** The internal ID that `*_id` / `*_id_list` parameters take. */
  id: string;
  /** What the PBX shows: a number and a name. */
  label: string;
}

export interface PbxData {
  extension: Entity[];
  ext_group: (Entity & { members: string[] })[];
  trunk: (Entity & { dids: string[] })[];
  ivr: Entity[];
  ring_group: Entity[];
  queue: (Entity & { agents: string[] })[];
}

const names = [
  "Alice Chen",
  "Bob Martin",
  "Chloé Dubois",
  "Dmitri Ivanov",
  "Emma Wilson",
  "Farid Haddad",
  "Grace Lee",
  "Hiro Tanaka",
];

export const pbxData: PbxData = {
  extension: names.map((name, i) => ({ id: String(i + 1), label: `${1001 + i} - ${name}` })),
  ext_group: [
    { id: "51", label: "Sales team", members: ["1", "2", "3"] },
    { id: "52", label: "Support team", members: ["4", "5", "6"] },
  ],
  trunk: [
    { id: "1", label: "SIP-Carrier-A", dids: ["5550100", "5550101"] },
    { id: "2", label: "SIP-Carrier-B", dids: ["5550200"] },
    { id: "3", label: "PSTN-Backup", dids: ["5550300"] },
  ],
  ivr: [
    { id: "1", label: "6200 - Main menu" },
    { id: "2", label: "6201 - After hours" },
  ],
  ring_group: [
    { id: "1", label: "6300 - Front desk" },
    { id: "2", label: "6301 - Warehouse" },
  ],
  queue: [
    { id: "1", label: "6400 - Sales", agents: ["1", "2", "3"] },
    { id: "2", label: "6401 - Support", agents: ["3", "4", "5", "6"] },
  ],
};

/** Scheduled call reports (Reports > Scheduled), each bound to a report type and its parameters. */
export const scheduledReports = [
  {
    id: 3,
    name: "Support",
    format: "csv",
    date: "2022/03/14 13:17:57",
    query: { type: "queueperformance", queue_id_list: "2" },
  },
  {
    id: 4,
    name: "Sales",
    format: "csv",
    date: "2022/03/14 17:30:00",
    query: { type: "queueperformance", queue_id_list: "1" },
  },
  {
    id: 5,
    name: "Support2",
    format: "csv",
    date: "2022/03/14 18:00:00",
    query: { type: "queueagentperformance", queue_id: "2" },
  },
  {
    id: 6,
    name: "test-extension-report",
    format: "csv",
    date: "2022/04/12 19:19:38",
    query: { type: "extcallstatistics", ext_id_list: "1,2" },
  },
];

/** Queue pause reasons (queue_pause_reason/list), as in the vendor's example. */
export const pauseReasons = [
  { code: "*01", reason: "Lunch" },
  { code: "*02", reason: "Break" },
  { code: "*03", reason: "Wrap up" },
  { code: "*04", reason: "Task Transfer" },
];

/** Get Menu Options: the `menu` names the simulator answers, and the entities each lists. */
export function menuOptions(menu: string, id: string | undefined): Entity[] | undefined {
  switch (menu) {
    case "extension":
    case "ext_group":
    case "trunk":
    case "ivr":
    case "ring_group":
    case "queue":
      return pbxData[menu];
    case "queue_agent": {
      const queue = pbxData.queue.find((q) => q.id === id);
      return queue ? pbxData.extension.filter((e) => queue.agents.includes(e.id)) : undefined;
    }
    case "org_list":
    case "role":
    case "phonebook":
    case "group_vm":
    case "conference":
    case "pinset":
      return [];
    default:
      return undefined;
  }
}

/** FNV-1a over the parts: the simulator's only source of "randomness", so every report is reproducible. */
export function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join("\u0000");
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser: FNV alone leaves the low bits (which `% n` reads) poorly mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
