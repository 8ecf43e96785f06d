// The card a failed command answers with: what was wrong, and how to write it right.
import { card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

export function errorCard(message: string, usage: string[] = [], title = "没能办理"): Card {
  const elements = [md(escapeMd(message).replace(/&#10;/g, "\n"))];
  if (usage.length > 0) {
    elements.push(md(`**正确写法**\n${usage.map((u) => `\`${u.replace(/`/g, "'")}\``).join("\n")}`));
  }
  return card(title, "red", elements);
}
