// Get Menu Options: which menus exist (from the spec) and the check of a menu request before it is sent.

import type { MenuOption, PauseReason, paths } from "../../generated/openapi.js";
import { menuNames } from "../../generated/reports.js";
import { callAuthed, listData } from "../core/calls.js";
import { YeastarQueryError } from "../errors.js";
import { didYouMean } from "../model/suggest.js";
import type { Context } from "./context.js";

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
      `unknown menu ${JSON.stringify(menu)}${didYouMean(menu, menuNames)}; valid menus: ${menuNames.join(", ")}`,
      { parameter: "menu" },
    );
  }
  if (menu === "queue_agent" && (id === undefined || String(id).trim() === "")) {
    throw new YeastarQueryError(
      "menu queue_agent lists the agents of one queue: pass its ID as id (the queue's value in menu queue)",
      { parameter: "id" },
    );
  }
  if (id !== undefined && !/^\d+$/.test(String(id).trim()))
    throw new YeastarQueryError(`id must be a queue ID (digits), not ${JSON.stringify(id)}`, { parameter: "id" });
  return id === undefined ? { menu } : { menu, id: String(id).trim() };
}

/**
 * The queue pause reasons (queue_pause_reason/list): the values of the `reason` parameter of queueagentpausetime.
 * Asked once, without page/page_size: an assumption (README) resting on the vendor example, which has no total_number.
 */
export async function fetchPauseReasons(ctx: Context): Promise<PauseReason[]> {
  const endpoint = "/openapi/v1.0/queue_pause_reason/list";
  const reply = await callAuthed(ctx.policy, ctx.tokens, `GET ${endpoint}`, undefined, (signal) =>
    ctx.api.GET(endpoint, { signal }),
  );
  return listData(reply, endpoint);
}

/** Get Menu Options: the options of a menu, checked before anything is sent; the PBX's refusal as a typed error. */
export async function fetchMenuOptions(ctx: Context, menu: MenuName, id?: string | number): Promise<MenuOption[]> {
  const query = menuQuery(menu, id);
  const endpoint = "/openapi/v1.0/system/get_menuoptions";
  const reply = await callAuthed(ctx.policy, ctx.tokens, `GET ${endpoint}`, undefined, (signal) =>
    ctx.api.GET(endpoint, { params: { query }, signal }),
  );
  return listData(reply, endpoint);
}
