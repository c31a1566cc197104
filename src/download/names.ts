// Names of files and directories that a report is saved under, from text that is not ours (a PBX's file name, a
// profile's name, a query's times): safe on every platform, Windows included, whatever the platform we run on.
// Letters and digits of any script are kept (two Chinese profile names stay two directories).

const MAX_NAME_BYTES = 255;

/** Windows' device names, with or without an extension: `NUL.csv` is the device there, not a file. */
const deviceName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Control characters (C0, DEL, C1) and bidirectional overrides: no terminal escape or line break in a name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const control = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** What Windows refuses in a name: `<>:"/\|?*`; `:` would also open an NTFS stream. */
const refused = /[<>:"/\\|?*]+/g;

/** Cuts a name to 255 bytes of UTF-8, on a character boundary, keeping a short extension. */
function capped(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const ext = /\.[\p{L}\p{N}]{1,8}$/u.exec(name)?.[0] ?? "";
  let stem = [...name.slice(0, name.length - ext.length)];
  while (Buffer.byteLength(stem.join("") + ext) > MAX_NAME_BYTES) stem = stem.slice(0, -1);
  return stem.join("") + ext;
}

/** The end of every cleaning: no leading dots or dashes, no trailing dots or spaces, no device name, ≤ 255 bytes. */
function finished(name: string): string {
  const trimmed = name.replace(/^[\s.-]+/, "").replace(/[\s.]+$/, "");
  return capped(deviceName.test(trimmed) ? `_${trimmed}` : trimmed);
}

/**
 * A file name from a PBX's: its last path part only (it never escapes the target directory), control characters
 * removed, what Windows refuses as `-`; "" when nothing usable is left.
 */
export function fileNamePart(file: string): string {
  const base = (file.normalize("NFC").split(/[\\/]/).pop() ?? "").replace(control, "").replace(refused, "-");
  return finished(base);
}

/**
 * One path part from a value of a template (a profile's name, a report type, a time): letters and digits of any
 * script, `.`, `_` and `-`; every other run of characters becomes one `-`. "" when nothing is left.
 */
export function pathPart(value: string): string {
  return finished(value.normalize("NFC").replace(/[^\p{L}\p{N}\p{M}._-]+/gu, "-"));
}
