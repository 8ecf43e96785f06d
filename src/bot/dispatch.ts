// Routes a message to its command and a card action to the command that owns the card, checking
// permissions first; every failure becomes a reply that says what was wrong and how to write it right.

import { welcomeCard } from "../../cards/welcome";
import { commands, findCommand } from "../../commands";
import {
  isCommandText,
  joinValues,
  named,
  normaliseWord,
  type ParsedLine,
  ParseError,
  type ParseOptions,
  parseLine,
  positional,
  restAfter,
} from "../../commands/parse";
import type { CardAction, CardAnswer, Command, CommandContext, Subcommand } from "../../commands/types";
import { excerpt } from "../domain/excerpt";
import { closestNames } from "../domain/names";
import { can } from "../domain/permissions";
import { zonedParts } from "../domain/time";
import type { BotAddedEvent, CardActionEvent, MessageEvent } from "../feishu/events";
import type { Outgoing } from "../feishu/messenger";
import { isStepConflict } from "../store/step-journal";
import { resolveActor } from "./actor";
import type { Deps } from "./deps";
import { BotError } from "./errors";
import { errorReply, errorToast, UNBOUND_MESSAGE } from "./replies";

function pickSubcommand(command: Command, tokens: ReturnType<typeof parseLine>["tokens"]) {
  const first = tokens[0];
  if (first && first.key === undefined && !first.quoted) {
    const word = normaliseWord(first.text);
    const sub = command.subcommands.find(
      (s) => s.name !== "" && (s.name === word || s.aliases?.includes(word)),
    );
    if (sub) return { sub, skip: 1 };
  }
  const fallback = command.subcommands.find((s) => s.name === "");
  if (fallback) return { sub: fallback, skip: 0 };
  const forms = command.subcommands.map((s) => s.usage);
  const given = first
    ? `「${excerpt(first.text)}」不是 /${command.name} 的子命令。`
    : `/${command.name} 后面要写做什么。`;
  throw new BotError(
    "unreadable",
    `${given}可用：${command.subcommands.map((s) => s.name).join("、")}`,
    forms,
  );
}

function denyMessage(role: string, sub: Subcommand): BotError {
  if (role === "未绑定") return new BotError("unbound", UNBOUND_MESSAGE);
  return new BotError(
    "forbidden",
    `你的角色（${role}）不能办理「${sub.usage.split(" ").slice(0, 2).join(" ")}」。`,
  );
}

/**
 * Values with spaces, one rule for every command (commands/parse joinValues). A word glued into a value that
 * looks like a misspelt key of this command (`措失=…`) is refused with the right key instead of being kept.
 */
function readValues(line: ParsedLine, sub: Subcommand): ParsedLine {
  const joined = joinValues(line, { keys: sub.keys, flags: sub.flags });
  const keys = (sub.keys ?? []).map((name) => ({ name, aliases: [] }));
  for (const key of joined.glued) {
    const close = closestNames(key, keys);
    if (close.length === 0) continue;
    throw new BotError(
      "unreadable",
      `「${key}=」不是这条命令的参数，会被当作前一个值的一部分。你是不是要写：${close.join("、")}？若它本是值里的文字，请把整个值用「」括起来。`,
      [sub.usage],
    );
  }
  return joined.line;
}

async function runPlainMessage(deps: Deps, event: MessageEvent, reply: CommandContext["reply"]) {
  const actor = await resolveActor(deps, event.sender);
  for (const command of commands) {
    if (command.onPlainMessage && (await command.onPlainMessage({ deps, actor, event, reply }))) return;
  }
  // A group message not meant for the bot (heard through im:message.group_msg) gets no answer.
  if (!event.addressed) return;
  await reply({ msgType: "text", text: "我只听命令：@安督 后以 / 开头，例如 /帮助。" });
}

/** The line split into words; what cannot be read is refused with the right form. */
function readLine(text: string, options: ParseOptions, usage: string[]): ParsedLine {
  try {
    return parseLine(text, options);
  } catch (error) {
    if (error instanceof ParseError) throw new BotError("unreadable", error.message, usage);
    throw error;
  }
}

async function runCommand(deps: Deps, event: MessageEvent, reply: CommandContext["reply"]) {
  if (!event.addressed || !isCommandText(event.text)) {
    await runPlainMessage(deps, event, reply);
    return;
  }
  const loose = readLine(event.text, { lenient: true }, ["/帮助"]);
  const command = findCommand(loose.name);
  if (!command) {
    throw new BotError(
      "unknown_command",
      `没有「/${excerpt(loose.name)}」这条命令。可用的命令：${commands.map((c) => `/${c.name}`).join("、")}`,
      ["/帮助"],
    );
  }
  const { sub, skip } = pickSubcommand(command, loose.tokens);
  const line = sub.freeText ? loose : readValues(readLine(event.text, {}, [sub.usage]), sub);
  const actor = await resolveActor(deps, event.sender);
  if (!can(actor.role, sub.action)) throw denyMessage(actor.role, sub);
  let namedArgs: Record<string, string>;
  try {
    namedArgs = sub.freeText ? {} : named(line.tokens);
  } catch (error) {
    if (error instanceof ParseError) throw new BotError("unreadable", error.message, [sub.usage]);
    throw error;
  }
  const ctx: CommandContext = {
    deps,
    actor,
    event,
    line,
    args: positional(line.tokens.slice(skip)),
    named: namedArgs,
    rest: (n) => restAfter(line, n),
    year: zonedParts(event.createTime, deps.config.timezone).year,
    reply,
  };
  try {
    await sub.run(ctx);
  } catch (error) {
    if (
      error instanceof BotError &&
      error.usage.length === 0 &&
      (error.code === "bad_input" || error.code === "unreadable")
    ) {
      throw new BotError(error.code, error.message, [sub.usage]);
    }
    throw error;
  }
}

/**
 * Whether a message has work behind it: one said to the bot, or a file (an import's workbook may come without
 * an @mention). Other group chatter, heard through im:message.group_msg, is acknowledged and nothing more.
 */
export function needsWork(event: MessageEvent): boolean {
  return event.addressed || event.messageType === "file";
}

/** The work behind a message, after its acknowledgement. Never throws: failures become a reply. */
export async function handleMessage(deps: Deps, event: MessageEvent): Promise<void> {
  const reply: CommandContext["reply"] = (message: Outgoing, ref?: string) =>
    deps.messenger.post({ kind: "reply", messageId: event.messageId, chatId: event.chatId }, message, ref);
  // One line per message, never its text: the sender's open_id is how an admin finds theirs for ADMIN_OPEN_IDS.
  deps.logger.info("message", {
    event: event.eventId,
    chat: event.chatId,
    sender: event.sender,
    type: event.messageType,
  });
  try {
    await runCommand(deps, event, reply);
  } catch (error) {
    // Another run of this event wrote first (a second instance resumed it): that run answers, not this one.
    if (isStepConflict(error)) throw error;
    await reply({ msgType: "interactive", card: errorReply(error, deps.logger) });
  }
}

function findCardAction(name: string): CardAction | undefined {
  for (const command of commands) {
    const action = command.cardActions?.find((a) => a.name === name);
    if (action) return action;
  }
  return undefined;
}

/** Answers a card button or form within Feishu's 3 s: validate and write now, send anything slower later. */
export async function handleCardAction(deps: Deps, event: CardActionEvent): Promise<CardAnswer> {
  try {
    const name = typeof event.value.action === "string" ? event.value.action : "";
    const action = findCardAction(name);
    if (!action) throw new BotError("bad_input", "这张卡片的按钮已失效，请重新发送命令。");
    const actor = await resolveActor(deps, event.operator);
    if (!can(actor.role, action.permission)) {
      throw new BotError(
        actor.role === "未绑定" ? "unbound" : "forbidden",
        actor.role === "未绑定" ? "请先绑定身份再操作" : `你的角色（${actor.role}）不能做这个操作`,
      );
    }
    return await action.run({ deps, actor, event, value: event.value, form: event.formValue ?? {} });
  } catch (error) {
    return { toast: errorToast(error, deps.logger) };
  }
}

export async function handleBotAdded(deps: Deps, event: BotAddedEvent): Promise<void> {
  await deps.messenger.post(
    { kind: "chat", chatId: event.chatId },
    { msgType: "interactive", card: welcomeCard() },
  );
}
