// `npm run chat`: talk to the bot from the terminal, over the same dispatch and database as the service.
// Messages the bot produces are printed with their target and message id; cards as readable text. At the
// prompt: `#N` presses button N of the last card that has buttons, `#N 字段=值 …` submits its form (fields by
// name or by their Chinese label), `#om_… N` presses a button of any card the bot sent (another person's
// exchange, e.g. a bind request for the admin); `/file path` and `/image path [text]` hand over a file or an
// image, whose bytes are read here and reach the bot through the same download path as Feishu's.
import "dotenv/config";
import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { type RenderedButton, renderCardText } from "../cards/text";
import type { Card } from "../cards/types";
import { receive } from "../src/bot/receive";
import { type Config, ConfigError, parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import { bootBot } from "../src/node/boot";
import { lastCardOf, type OutboxRow } from "../src/store/outbox";
import { formValue } from "./chat-form";
import { type Attachment, cardPayload, localId, messagePayload, type Sender } from "./chat-messages";

const LOCAL_ADMIN = "ou_local_admin";
const LOCAL_GROUP = "oc_local_group";
const FLAGS = ["--user", "--chat", "--file", "--image"];

function option(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);

function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
}
let config = loadConfig();
// The terminal is local: never send to real Feishu from here; with no admins configured, you are the admin.
config = { ...config, feishu: null, eventMode: "webhook" as const };
if (config.adminOpenIds.length === 0) config = { ...config, adminOpenIds: [LOCAL_ADMIN] };
const from: Sender = {
  user: option(args, "--user") ?? config.adminOpenIds[0]!,
  chat: option(args, "--chat") ?? LOCAL_GROUP,
};

/** The files and images handed over in this session, by the key the message carries. */
const handedOver = new Map<string, string>();

/** A path on this machine as the attachment a message carries, or a sentence saying what is wrong. */
function attach(kind: "file" | "image", path: string): Attachment | string {
  const full = resolve(path);
  if (!existsSync(full)) return `找不到文件 ${path}`;
  const key = localId(kind === "file" ? "file_" : "img_");
  handedOver.set(key, full);
  return kind === "file" ? { kind, key, name: basename(full) } : { kind, key };
}

let buttons: RenderedButton[] = [];
let lastCardMessage = "";
function print(row: OutboxRow) {
  const target =
    row.kind === "reply"
      ? `回复 ${row.replyTo}`
      : row.kind === "patch"
        ? `更新卡片 ${row.messageId}`
        : `发给 ${row.receiveId}`;
  const id = row.kind !== "patch" && row.messageId ? `，${row.messageId}` : "";
  console.log(`\n── ${target}（${row.msgType}${id}）`);
  if (row.msgType === "interactive") {
    const shown: RenderedButton[] = [];
    console.log(renderCardText(JSON.parse(row.content) as Card, shown));
    // `#N` keeps to the last card with buttons: a greyed older card or a notice must not take them away.
    if (shown.length > 0) {
      buttons = shown;
      lastCardMessage = row.messageId ?? "";
    }
  } else if (row.msgType === "text") console.log((JSON.parse(row.content) as { text: string }).text);
  else if (row.msgType === "file") {
    const file = JSON.parse(row.content) as { file_name?: string; path?: string };
    console.log(`文件「${file.file_name ?? ""}」已保存到 ${file.path ?? "（未保存）"}`);
  } else console.log(row.content);
}

const bot = await bootBot(config, {
  logger: memoryLogger(),
  onPosted: print,
  localResources: {
    read: (key) => {
      const path = handedOver.get(key);
      return path === undefined ? undefined : readFileSync(path);
    },
  },
});

/** The buttons of a card the bot sent, found by its message id (`#om_… N`), from the outbox. */
async function buttonsOf(messageId: string): Promise<RenderedButton[] | string> {
  const stored = await lastCardOf(bot.deps.db, messageId);
  if (stored === undefined) return `没有消息 ${messageId} 的卡片。`;
  const found: RenderedButton[] = [];
  renderCardText(JSON.parse(stored) as Card, found);
  return found;
}

async function press(button: RenderedButton, messageId: string, typed: string) {
  let form: Record<string, string> | undefined;
  try {
    form = button.formFields ? formValue(button, typed) : undefined;
  } catch (error) {
    return console.log(error instanceof Error ? error.message : String(error));
  }
  const answer = (await receive(
    bot.deps,
    cardPayload(from, button, messageId, form),
    bot.deps.background,
  )) as {
    toast?: { content: string };
    card?: { data: Card };
  };
  if (answer.toast) console.log(`\n── 提示：${answer.toast.content}`);
  if (answer.card) {
    const shown: RenderedButton[] = [];
    console.log(`\n── 卡片已更新\n${renderCardText(answer.card.data, shown)}`);
    if (shown.length > 0) {
      buttons = shown;
      lastCardMessage = messageId;
    }
  }
}

async function exchange(line: string, attachment?: Attachment) {
  // `#<message id> N`: any id that is not a plain number (om_…, local_…)
  const byMessage = /^#(\S*[^\d\s]\S*)\s+(\d+)\s*(.*)$/.exec(line.trim());
  const byNumber = /^#(\d+)\s*(.*)$/.exec(line.trim());
  const handOver = /^\/(file|image)\s+(\S+)\s*(.*)$/.exec(line.trim());
  if (byMessage) {
    const found = await buttonsOf(byMessage[1]!);
    if (typeof found === "string") return console.log(found);
    const button = found[Number(byMessage[2]) - 1];
    if (!button) return console.log("这张卡片没有这个按钮。");
    await press(button, byMessage[1]!, byMessage[3] ?? "");
  } else if (byNumber) {
    const button = buttons[Number(byNumber[1]) - 1];
    if (!button) return console.log("没有这个按钮。");
    await press(button, lastCardMessage, byNumber[2] ?? "");
  } else if (handOver) {
    const attached = attach(handOver[1] as "file" | "image", handOver[2]!);
    if (typeof attached === "string") return console.log(attached);
    await receive(bot.deps, messagePayload(from, handOver[3] ?? "", attached), bot.deps.background);
  } else {
    await receive(bot.deps, messagePayload(from, line, attachment), bot.deps.background);
  }
  await bot.work.idle();
}

const text = args.filter((a, i) => !FLAGS.includes(a) && !FLAGS.includes(args[i - 1] ?? "")).join(" ");
const file = option(args, "--file");
const image = option(args, "--image");
const given = file ? attach("file", file) : image ? attach("image", image) : undefined;
if (typeof given === "string") {
  console.error(given);
  process.exit(1);
}
if (text.trim() !== "" || given) {
  await exchange(text, given);
  await bot.close();
} else {
  console.log(
    `安督本地对话（你是 ${from.user}，群 ${from.chat}）。输入命令，如 /帮助；#N 按下按钮；/file 路径、/image 路径 发文件或图片；Ctrl+D 退出。`,
  );
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== "") await exchange(line);
    rl.prompt();
  }
  await bot.close();
}
