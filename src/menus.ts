// Get Menu Options: which menus exist (from the spec) and the check of a menu request before it is sent.
import { menuNames } from "../generated/reports.js";
import type { paths } from "../generated/openapi.js";
import { YeastarQueryError } from "./errors.js";

/** A `menu` of Get Menu Options, as the vendor's pages list them (lower case). */
export type MenuName = paths["/openapi/v1.0/system/get_menuoptions"]["get"]["parameters"]["query"]["menu"];

const known: ReadonlySet<string> = new Set(menuNames);

export function isMenuName(value: string): value is MenuName {
  return known.has(value);
}

/** The query of a menu request, checked: a known menu, and `id` (the queue) with `queue_agent`. */
export function menuQuery(menu: string, id: string | number | undefined): { menu: MenuName; id?: string } {
  if (!isMenuName(menu)) {
    throw new YeastarQueryError(
      `unknown menu ${JSON.stringify(menu)}; valid menus: ${menuNames.join(", ")}`,
      undefined,
      "menu",
    );
  }
  if (menu === "queue_agent" && (id === undefined || String(id).trim() === "")) {
    throw new YeastarQueryError(
      "menu queue_agent lists the agents of one queue: pass its ID as id (the queue's value in menu queue)",
      undefined,
      "id",
    );
  }
  if (id !== undefined && !/^\d+$/.test(String(id).trim()))
    throw new YeastarQueryError(`id must be a queue ID (digits), not ${JSON.stringify(id)}`, undefined, "id");
  return id === undefined ? { menu } : { menu, id: String(id).trim() };
}
