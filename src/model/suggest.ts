// "Did you mean": the closest of the known names to a mistyped one, when it is close enough to be the intent.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** " (did you mean X?)" for the closest known name within a third of its length in edits, else "". */
export function didYouMean(given: unknown, known: readonly string[]): string {
  if (typeof given !== "string" || given === "") return "";
  const lower = given.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(lower, name.toLowerCase());
    if (d <= Math.max(2, Math.floor(name.length / 3)) && d < (best?.d ?? Infinity)) best = { name, d };
  }
  return best ? ` (did you mean ${best.name}?)` : "";
}
