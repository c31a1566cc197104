// The one sanitiser of text that may hold a secret or came from a PBX. A PBX (or something posing as one) can echo
// the request URL, with its access token, in an errmsg, a valid_msg or an HTML title, and can put terminal escapes
// in any text. Every message of the library's errors is redacted (errors.ts), every PBX string that enters one goes
// through pbxText first, and the command line shows nothing but through escapeControls.

/** Query, form and JSON values named as secrets: `access_token=…`, `"refresh_token": "…"`, `client_secret=…`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a value ends at a control character
const NAMED = /\b(access_token|refresh_token|client_secret)(=|"?\s*:\s*"?)([^&#\s"',;)<>\u0000-\u001f]+)/gi;

/** Shorter literals are not looked for: they would blank words; the PBX's tokens and secrets have 32 characters. */
const MIN_LITERAL = 8;

/** The tokens and secrets the clients of this process hold now, each with the number of its holders. */
const held = new Map<string, number>();
/** One pattern for every held literal (and its URL-encoded form), built again when the set changes. */
let literals: RegExp | undefined;

/** From now on, `value` (and its URL-encoded form) is redacted wherever it appears. Undo with `release`. */
function hold(value: string): void {
  if (value.length < MIN_LITERAL) return;
  held.set(value, (held.get(value) ?? 0) + 1);
  literals = undefined;
}

/** One holder of `value` no longer holds it (a token expired, a client closed). */
function release(value: string): void {
  const count = held.get(value);
  if (count === undefined) return;
  if (count > 1) held.set(value, count - 1);
  else held.delete(value);
  literals = undefined;
}

function literalPattern(): RegExp | undefined {
  if (literals || held.size === 0) return literals;
  const forms = [...held.keys()].flatMap((s) => [s, encodeURIComponent(s)]).sort((a, b) => b.length - a.length);
  literals = new RegExp(forms.map((f) => f.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|"), "g");
  return literals;
}

/** The text with secret-named values and every held token or secret replaced by `[redacted]`. */
export function redact(text: string | URL): string {
  const named = String(text).replace(NAMED, "$1$2[redacted]");
  const pattern = literalPattern();
  return pattern ? named.replace(pattern, "[redacted]") : named;
}

const CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Control characters (ESC, CR, BEL, C1, bidirectional overrides; not tab and newline) written as `\u001b`, so that
 * text cannot move the cursor, retitle or clear the terminal, recolour, or reorder what is shown.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** How much of one PBX string a message quotes. */
const MAX_QUOTED = 300;

/**
 * A string the PBX sent, fit to enter a message or an error's property: redacted, on one line (a newline is a
 * space), its control characters escaped, at most 300 characters. Anything not a string is shown as JSON.
 */
export function pbxText(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const clean = redact(text).replace(/\n+/g, " ");
  return escapeControls(clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean);
}

/** The secrets one client holds, each until it expires or the client closes: redacted while held. */
export class HeldSecrets {
  readonly #until = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Holds `value` until `until` (ms since the epoch); secrets that expired meanwhile are released. */
  keep(value: string | undefined, until = Infinity): void {
    for (const [secret, end] of this.#until) if (end <= this.now()) this.#drop(secret);
    if (value === undefined) return;
    if (!this.#until.has(value)) hold(value);
    this.#until.set(value, Math.max(until, this.#until.get(value) ?? 0));
  }

  /** Releases every secret still held. */
  releaseAll(): void {
    for (const secret of [...this.#until.keys()]) this.#drop(secret);
  }

  #drop(secret: string): void {
    this.#until.delete(secret);
    release(secret);
  }
}
