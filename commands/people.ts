// Who a command is about: the people @mentioned in it, and the names shown for them. Events carry open_ids,
// not names: a name comes from the mention, else Feishu's contact API, else the open_id itself.

import type { Deps } from "../src/bot/deps";
import type { MessageEvent } from "../src/feishu/events";

export interface Person {
  openId: string;
  name: string;
}

/** The people mentioned in the positional arguments (`@ou_…`), in order, with the mention's name if any. */
export function mentionedPeople(args: string[], event: MessageEvent): Person[] {
  return args
    .filter((a) => a.startsWith("@ou_"))
    .map((a) => {
      const openId = a.slice(1);
      return { openId, name: event.mentions.find((m) => m.openId === openId)?.name ?? "" };
    });
}

export async function displayName(deps: Deps, openId: string, known?: string | null): Promise<string> {
  return (await nameFor(deps, openId, known)).name;
}

/**
 * The name to show, and `lacking` when it fell back to the open_id because the app lacks a permission (`fix`:
 * the console step that adds it, when Feishu said which).
 */
export async function nameFor(
  deps: Deps,
  openId: string,
  known?: string | null,
): Promise<{ name: string; lacking: boolean; fix?: string }> {
  if (known) return { name: known, lacking: false };
  const found = await deps.openApi.lookUpName(openId);
  if (found.name !== null) return { name: found.name, lacking: false };
  return found.fix === undefined
    ? { name: openId, lacking: found.lacking }
    : { name: openId, lacking: found.lacking, fix: found.fix };
}
