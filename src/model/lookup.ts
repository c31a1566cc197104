// IDs by what admins know: a queue's number (6400) or name (Sales), matched as a whole word in the text of
// Get Menu Options, case-insensitive. How a PBX writes an option's text ("6400 - Sales", "Sales 6400", …) is
// not documented: matching a whole word does not depend on one guess of it.
import type { MenuOption } from "../../generated/openapi.js";
import { YeastarQueryError } from "../errors.js";
import { didYouMean } from "./suggest.js";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The options whose text holds `item` as a whole word (letters and digits around it do not count as a match). */
export function matching(options: readonly MenuOption[], item: string): MenuOption[] {
  const word = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(item.trim())}($|[^\\p{L}\\p{N}])`, "iu");
  return options.filter((o) => word.test(o.text));
}

/** The words of the options' texts, for "did you mean". */
const words = (options: readonly MenuOption[]) =>
  options.flatMap((o) => o.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean));

const shown = (o: MenuOption) => `${o.text} (ID ${String(o.value)})`;

/** The one option of `menu` that `item` names; a YeastarQueryError listing the candidates otherwise. */
export function pick(options: readonly MenuOption[], item: string, menu: string, parameter: string): MenuOption {
  const found = matching(options, item);
  if (found.length === 1) return found[0]!;
  const listed = (found.length > 1 ? found : options).slice(0, 20).map(shown).join("; ");
  const more = (found.length > 1 ? found : options).length > 20 ? "; …" : "";
  const what =
    found.length > 1
      ? `${JSON.stringify(item)} names more than one ${menu}: ${listed}${more}`
      : `no ${menu} is ${JSON.stringify(item)}${didYouMean(item, words(options))}; ` +
        `the ${menu} options are: ${listed || "none"}${more}`;
  throw new YeastarQueryError(`${parameter}: ${what}`, { parameter });
}
