// The card a failed command answers with: what was wrong, and how to write it right.
import { card, escapeMd, md } from "./fragments";
import type { Card } from "./types";

/**
 * The most of a message a card shows. Messages quote only excerpts of what was typed; this keeps any that
 * still quote too much (several long values) far inside Feishu's 30 KB, even with every character escaped.
 */
const MESSAGE_MAX = 1500;

export function errorCard(message: string, usage: string[] = [], title = "没能办理"): Card {
  const shown =
    message.length > MESSAGE_MAX ? `${Array.from(message.slice(0, MESSAGE_MAX)).join("")}…` : message;
  const elements = [md(escapeMd(shown).replace(/&#10;/g, "\n"))];
  if (usage.length > 0) {
    elements.push(md(`**正确写法**\n${usage.map((u) => `\`${u.replace(/`/g, "'")}\``).join("\n")}`));
  }
  return card(title, "red", elements);
}
