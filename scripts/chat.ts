// `npm run chat`: talk to the bot from the terminal, over the same dispatch and database as the service.
// Messages the bot produces are printed with their target; cards as readable text. In the prompt, `#N`
// presses button N of the last card; `#N 字段=值 …` submits a form with those fields.
import "dotenv/config";
import { createInterface } from "node:readline/promises";
import { type RenderedButton, renderCardText } from "../cards/text";
import type { Card } from "../cards/types";
import { named, parseLine } from "../commands/parse";
import { bootBot } from "../src/bot/boot";
import { receive } from "../src/bot/receive";
import { type Config, ConfigError, parseConfig } from "../src/config";
import { memoryLogger } from "../src/logger";
import type { OutboxRow } from "../src/store/outbox";

const LOCAL_ADMIN = "ou_local_admin";
const LOCAL_GROUP = "oc_local_group";

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
const user = option(args, "--user") ?? config.adminOpenIds[0]!;
const chat = option(args, "--chat") ?? LOCAL_GROUP;

let buttons: RenderedButton[] = [];
let lastCardMessage = "";
function print(row: OutboxRow) {
  const target =
    row.kind === "reply"
      ? `回复 ${row.replyTo}`
      : row.kind === "patch"
        ? `更新卡片 ${row.messageId}`
        : `发给 ${row.receiveId}`;
  console.log(`\n── ${target}（${row.msgType}）`);
  if (row.msgType === "interactive") {
    buttons = [];
    lastCardMessage = row.messageId ?? "";
    console.log(renderCardText(JSON.parse(row.content) as Card, buttons));
  } else if (row.msgType === "text") console.log((JSON.parse(row.content) as { text: string }).text);
  else console.log(row.content);
}

const bot = await bootBot(config, { logger: memoryLogger(), onPosted: print });
let seq = 0;
const id = (p: string) => `${p}local_${Date.now().toString(36)}_${++seq}`;

function messagePayload(text: string) {
  const group = chat.startsWith("oc_");
  // In a group the bot hears what @mentions it: the terminal always does (a bot has no user_id).
  const mentions: object[] = group
    ? [{ key: "@_user_0", id: { open_id: "ou_local_bot", user_id: null }, name: "安督" }]
    : [];
  const body = `${group ? "@_user_0 " : ""}${text}`.replace(/@(ou_[0-9A-Za-z_-]+)/g, (_, openId: string) => {
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, id: { open_id: openId, user_id: openId }, name: openId });
    return key;
  });
  const now = Date.now();
  return {
    schema: "2.0",
    header: { event_id: id("ev_"), event_type: "im.message.receive_v1", create_time: String(now) },
    event: {
      sender: { sender_id: { open_id: user }, sender_type: "user" },
      message: {
        message_id: id("om_"),
        chat_id: chat,
        chat_type: group ? "group" : "p2p",
        message_type: "text",
        create_time: String(now),
        content: JSON.stringify({ text: body }),
        mentions,
      },
    },
  };
}

function cardPayload(button: RenderedButton, fieldsText: string) {
  const form = button.formDefaults
    ? { ...button.formDefaults, ...named(parseLine(`/表单 ${fieldsText}`).tokens) }
    : undefined;
  return {
    schema: "2.0",
    header: { event_id: id("ev_"), event_type: "card.action.trigger", create_time: String(Date.now()) },
    event: {
      operator: { open_id: user },
      token: id("c-"),
      action: { tag: "button", value: button.value, ...(form ? { form_value: form } : {}) },
      context: { open_message_id: lastCardMessage, open_chat_id: chat },
    },
  };
}

async function exchange(line: string) {
  const press = /^#(\d+)\s*(.*)$/.exec(line.trim());
  if (press) {
    const button = buttons[Number(press[1]) - 1];
    if (!button) return console.log("没有这个按钮。");
    const answer = (await receive(bot.deps, cardPayload(button, press[2] ?? ""), bot.deps.background)) as {
      toast?: { content: string };
      card?: { data: Card };
    };
    if (answer.toast) console.log(`\n── 提示：${answer.toast.content}`);
    if (answer.card) {
      buttons = [];
      console.log(`\n── 卡片已更新\n${renderCardText(answer.card.data, buttons)}`);
    }
  } else {
    await receive(bot.deps, messagePayload(line), bot.deps.background);
  }
  await bot.work.idle();
}

const FLAGS = ["--user", "--chat"];
const text = args.filter((a, i) => !FLAGS.includes(a) && !FLAGS.includes(args[i - 1] ?? "")).join(" ");
if (text.trim() !== "") {
  await exchange(text);
  await bot.close();
} else {
  console.log(`安督本地对话（你是 ${user}，群 ${chat}）。输入命令，如 /帮助；#N 按下按钮；Ctrl+D 退出。`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "> " });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== "") await exchange(line);
    rl.prompt();
  }
  await bot.close();
}
