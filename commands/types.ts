// What a command is: a definition object with subcommands, each naming the permission it needs.
import type { Card } from "../cards/types";
import type { Actor } from "../src/bot/actor";
import type { Deps } from "../src/bot/deps";
import type { Action } from "../src/domain/permissions";
import type { CardActionEvent, MessageEvent } from "../src/feishu/events";
import type { Outgoing, Posted } from "../src/feishu/messenger";
import type { ParsedLine } from "./parse";

export interface CommandContext {
  deps: Deps;
  actor: Actor;
  event: MessageEvent;
  line: ParsedLine;
  /** positional words after the subcommand word */
  args: string[];
  /** key=value arguments (keys normalised) */
  named: Record<string, string>;
  /** verbatim text after the first n tokens of the line (free text after a hazard number) */
  rest(n: number): string;
  /** the message's year in APP_TIMEZONE: "this year" in dates and hazard numbers */
  year: number;
  reply(message: Outgoing, ref?: string): Promise<Posted>;
}

export interface Subcommand {
  /** the word after the command, e.g. "新增"; "" for the command used without one */
  name: string;
  aliases?: string[];
  action: Action;
  summary: string;
  usage: string;
  example: string;
  /** the tail is free text: parse leniently so a stray quote in it is just text */
  freeText?: boolean;
  /**
   * Every key this subcommand reads (synonyms included). An unquoted value runs to the next of these, so a
   * value may hold spaces; without a list, any `key=` ends a value.
   */
  keys?: readonly string[];
  /** bare words read after the values (e.g. 超期): they end a value too */
  flags?: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}

export interface CardAnswer {
  toast?: { type: "success" | "warning" | "info" | "error"; content: string };
  card?: Card;
}

export interface CardContext {
  deps: Deps;
  actor: Actor;
  event: CardActionEvent;
  value: Record<string, unknown>;
  form: Record<string, unknown>;
}

/** A card button or form whose callback this command answers; `value.action` names it. */
export interface CardAction {
  name: string;
  permission: Action;
  run(ctx: CardContext): Promise<CardAnswer>;
}

/** What a message that is not a command (a file, an image replying to a card) gives a hook to work with. */
export interface PlainContext {
  deps: Deps;
  actor: Actor;
  event: MessageEvent;
  reply(message: Outgoing, ref?: string): Promise<Posted>;
}

export interface Command {
  name: string;
  aliases?: string[];
  summary: string;
  subcommands: Subcommand[];
  cardActions?: CardAction[];
  /**
   * Offered every message that is not a command (files, images, replies to a card), in registry order;
   * returns true when it handled the message. Checks permissions itself with `can()`.
   */
  onPlainMessage?(ctx: PlainContext): Promise<boolean>;
}
