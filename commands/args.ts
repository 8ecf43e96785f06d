// Reads a command's key=value arguments against the keys it accepts (with their synonyms), so a misspelt
// key is refused with the list of the right ones instead of being silently ignored.

import { BotError } from "../src/bot/errors";
import { excerpt } from "../src/domain/excerpt";
import { closestNames } from "../src/domain/names";

/** `keys` maps every accepted key (synonyms included) to the field it fills. */
export function readArgs<F extends string>(
  named: Record<string, string>,
  keys: Record<string, F>,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [key, value] of Object.entries(named)) {
    const field = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (field === undefined) {
      const entries = Object.keys(keys).map((name) => ({ name, aliases: [] }));
      const close = closestNames(key, entries);
      const hint =
        close.length > 0
          ? `你是不是要写：${close.join("、")}？`
          : `可用的参数：${Object.keys(keys).join("、")}`;
      throw new BotError("bad_input", `不认识参数「${excerpt(key)}」。${hint}`);
    }
    if (out[field] !== undefined)
      throw new BotError("bad_input", `参数「${excerpt(key)}」和它的同义写法只能写一个`);
    out[field] = value;
  }
  return out;
}
