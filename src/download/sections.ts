// Records into rows, by the shape of the file, for both layouts a PBX writes (../shared/reference/report-content.md):
//
// - inline (a real Queue Performance export): one header; per queue a summary row, an inner header one column in
//   (`,ID,Time,Call From,…`) and its call rows (first field empty); a `Total` row ends the summary;
// - sections (assumed, the layout of our simulator before that export was found): a blank line ends a table, an
//   optional one-field title follows, then the next table's own header.
//
// Rows are keyed by their own header (names trimmed, duplicates suffixed, `_section` kept apart); a detail row also
// carries the summary's first column with the value of the summary row it sits under. Inner headers, titles and
// blank lines are never rows.

import type { Section } from "../model/columns.js";

export type { Section };

/** A report row: its values keyed by column name, and with `withSection`, its `_section`. */
export type Row = Record<string, string>;

/** Turns records into rows; undefined for a header, an inner header, a title or a blank line. */
export type RowMaker = (record: string[]) => Row | undefined;

/** Called with each header the file holds (the summary's, then a detail header once), as keyed. */
export type HeaderListener = (columns: string[], section: "summary" | "detail") => void;

/** A header's keys; `proto` when one of them is `__proto__` (set with care, so that it stays data). */
type Keys = string[] & { proto?: boolean };

/** The keys of a header: names trimmed; an empty name `column N`; a repeated one (or `_section`) suffixed ` (2)`. */
export function keysOf(names: readonly string[], offset = 0): Keys {
  const seen = new Set<string>(["_section"]);
  const keys: Keys = names.map((raw, i) => {
    const name = raw.trim() || `column ${i + 1 + offset}`;
    let key = name;
    for (let n = 2; seen.has(key); n++) key = `${name} (${n})`;
    seen.add(key);
    return key;
  });
  keys.proto = seen.has("__proto__");
  return keys;
}

/** Whether a field holds nothing but spaces; the first character is looked at before anything is allocated. */
const isEmpty = (field: string) => field === "" || (field.charCodeAt(0) <= 0x20 && field.trim() === "");
const isBlank = (record: string[]) => record.length === 1 && isEmpty(record[0]!);
/** `Total` in any case, spaces around it allowed; the first character is looked at before anything is allocated. */
const isTotal = (field: string) => {
  const c = field.charCodeAt(0);
  return (c === 0x54 || c === 0x74 || c === 0x20 || c === 0x09) && /^\s*total\s*$/i.test(field);
};
/** A field that reads as a value (a number, a time, a rate, a date), not as a column name. */
const valueLike = /^[\s\d.,:;%/+\-()]*$/;

/** An inner header: first field empty, then names (none empty, none a value) — `,ID,Time,Call From,…`. */
function isInnerHeader(record: string[]): boolean {
  if (record.length < 2 || record[0]!.trim() !== "") return false;
  const names = trimTrailingEmpty(record.slice(1));
  return names.length > 0 && names.every((f) => f.trim() !== "" && !valueLike.test(f) && f.trim() !== "NONE");
}

function trimTrailingEmpty(fields: string[]): string[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1]!.trim() === "") end--;
  return fields.slice(0, end);
}

/** Sets a value; a column named __proto__ is data like any other, not the row's prototype. */
function put(row: Row, key: string, value: string): void {
  if (key === "__proto__") Object.defineProperty(row, key, { value, enumerable: true, writable: true });
  else row[key] = value;
}

/** A row of `record` under `keys`, from field `from` on; missing fields are empty, fields past the keys dropped. */
function keyed(keys: Keys, record: string[], from: number, row: Row): Row {
  if (keys.proto) for (let i = 0; i < keys.length; i++) put(row, keys[i]!, record[i + from] ?? "");
  else for (let i = 0; i < keys.length; i++) row[keys[i]!] = record[i + from] ?? "";
  return row;
}

/**
 * The row maker for one file. `onHeader` hears each header as keyed (for the column check). Without
 * `withSection`, `Total` rows are left out (they repeat the sum of the rows; ask for sections to get them).
 */
export function rowMaker(withSection: boolean, onHeader?: HeaderListener): RowMaker {
  let keys: Keys | undefined;
  let tables = 0;
  let afterBlank = false;
  let inner: { keys: Keys; raw: string } | undefined;
  let under: string | undefined;
  let lastWasSummary = false;
  const tag = (row: Row, section: Section) => {
    if (withSection) row._section = section;
    return row;
  };
  return (record) => {
    if (isBlank(record)) {
      keys = undefined;
      inner = undefined;
      afterBlank = true;
      lastWasSummary = false;
      return undefined;
    }
    if (!keys) {
      if (afterBlank && record.length === 1) return undefined; // a section's title
      keys = keysOf(record);
      tables += 1;
      afterBlank = false;
      onHeader?.(keys, tables === 1 ? "summary" : "detail");
      return undefined;
    }
    const first = record[0]!;
    if (isTotal(first)) {
      lastWasSummary = false;
      return withSection ? tag(keyed(keys, record, 0, {}), "total") : undefined;
    }
    if (!isEmpty(first) || tables > 1) {
      lastWasSummary = tables === 1;
      under = first;
      return tag(keyed(keys, record, 0, {}), tables === 1 ? "summary" : "detail");
    }
    if (inner && record.slice(1).join("\u0000") === inner.raw) return undefined; // the inner header again
    if (lastWasSummary && isInnerHeader(record)) {
      const names = trimTrailingEmpty(record.slice(1));
      inner = { keys: keysOf(names, 1), raw: record.slice(1).join("\u0000") };
      lastWasSummary = false;
      onHeader?.(inner.keys, "detail");
      return undefined;
    }
    lastWasSummary = false;
    if (!inner) return tag(keyed(keys, record, 0, {}), "summary");
    const row: Row = {};
    if (under !== undefined) put(row, keys[0]!, under);
    return tag(keyed(inner.keys, record, 1, row), "detail");
  };
}
