// Turns a verified Feishu payload (schema 2.0) into one BotEvent, the only shape the rest of the bot sees.
// Follows open.feishu.cn im.message.receive_v1, card.action.trigger, im.chat.member.bot.added_v1.

export interface Mention {
  openId: string;
  name: string;
}

export interface MessageEvent {
  type: "message";
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: "group" | "p2p";
  sender: string;
  /** ms since epoch, from the message's create_time */
  createTime: number;
  messageType: string;
  /**
   * Said to the bot: a private chat, or a group message that @mentions it. With the sensitive
   * im:message.group_msg scope the bot also hears group messages not meant for it; those only reach hooks.
   */
  addressed: boolean;
  /** text with the bot's mention removed and other mentions written `@ou_…` */
  text: string;
  mentions: Mention[];
  parentId?: string | undefined;
  rootId?: string | undefined;
  imageKeys: string[];
  files: { fileKey: string; fileName: string }[];
}

export interface CardActionEvent {
  type: "card";
  eventId: string;
  operator: string;
  /** the callback token: lets the card be updated later through interactive/v1/card/update */
  token: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown> | undefined;
  inputValue?: string | undefined;
  option?: string | undefined;
  actionName?: string | undefined;
  messageId: string;
  chatId: string;
  createTime: number;
}

export interface BotAddedEvent {
  type: "bot_added";
  eventId: string;
  chatId: string;
  operator?: string | undefined;
}

export type BotEvent =
  | { type: "challenge"; challenge: string }
  | MessageEvent
  | CardActionEvent
  | BotAddedEvent
  | { type: "ignored"; eventId?: string | undefined; eventType: string };

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseContent(content: unknown): Json {
  if (typeof content !== "string") return {};
  try {
    return obj(JSON.parse(content));
  } catch {
    return {};
  }
}

/** A post (rich text) carries its paragraphs either directly or under a locale such as zh_cn. */
function postParagraphs(content: Json): unknown[][] {
  const direct = content.content;
  if (Array.isArray(direct)) return direct.filter(Array.isArray);
  for (const localised of Object.values(content)) {
    const inner = obj(localised).content;
    if (Array.isArray(inner)) return inner.filter(Array.isArray);
  }
  return [];
}

interface RawMention {
  key: string;
  openId: string;
  name: string;
  isBot: boolean;
}

function rawMentions(message: Json, botOpenId: string | null): RawMention[] {
  const list = Array.isArray(message.mentions) ? message.mentions : [];
  return list.map((m) => {
    const mention = obj(m);
    const id = obj(mention.id);
    const openId = str(id.open_id) ?? "";
    // Without the bot's open_id (not fetched yet), a mention with no user_id is an app's: bots have none.
    const isBot = botOpenId ? openId === botOpenId : id.user_id === null || id.user_id === undefined;
    return { key: str(mention.key) ?? "", openId, name: str(mention.name) ?? "", isBot };
  });
}

// Feishu's mention keys: `@_user_<n>` and `@_all`. Matched whole (greedy), so `@_user_1` is never found
// inside `@_user_11`, in one pass over the text whatever the number of mentions.
const MENTION_KEY = /@_[A-Za-z0-9_]+/g;

function replaceMentions(text: string, mentions: RawMention[]): string {
  const byKey = new Map<string, string>();
  for (const m of mentions) if (m.key) byKey.set(m.key, m.isBot ? "" : `@${m.openId}`);
  return text.replace(MENTION_KEY, (key) => byKey.get(key) ?? key).trim();
}

function messageBody(message: Json, mentions: RawMention[]) {
  const type = str(message.message_type) ?? "";
  const content = parseContent(message.content);
  const imageKeys: string[] = [];
  const files: { fileKey: string; fileName: string }[] = [];
  let text = "";
  if (type === "text") text = str(content.text) ?? "";
  if (type === "image" && str(content.image_key)) imageKeys.push(content.image_key as string);
  if (type === "file" && str(content.file_key)) {
    files.push({ fileKey: content.file_key as string, fileName: str(content.file_name) ?? "" });
  }
  if (type === "post") {
    const lines = postParagraphs(content).map((paragraph) =>
      paragraph
        .map((element) => {
          const e = obj(element);
          if (e.tag === "img" && str(e.image_key)) imageKeys.push(e.image_key as string);
          if (e.tag === "at") return str(e.user_id) ?? "";
          if (e.tag === "text" || e.tag === "a") return str(e.text) ?? "";
          return "";
        })
        .join(""),
    );
    text = lines.join("\n");
  }
  return { type, text: replaceMentions(text, mentions), imageKeys, files };
}

function normaliseMessage(header: Json, event: Json, botOpenId: string | null): MessageEvent {
  const message = obj(event.message);
  const sender = obj(event.sender);
  const sent = Number(str(message.create_time));
  const createTime = Number.isFinite(sent) ? sent : (eventTime(header) ?? Date.now());
  const mentions = rawMentions(message, botOpenId);
  const body = messageBody(message, mentions);
  return {
    type: "message",
    eventId: str(header.event_id) ?? "",
    messageId: str(message.message_id) ?? "",
    chatId: str(message.chat_id) ?? "",
    chatType: message.chat_type === "p2p" ? "p2p" : "group",
    sender: str(obj(sender.sender_id).open_id) ?? "",
    createTime,
    messageType: body.type,
    addressed: message.chat_type === "p2p" || mentions.some((m) => m.isBot),
    text: body.text,
    mentions: mentions.filter((m) => !m.isBot).map(({ openId, name }) => ({ openId, name })),
    parentId: str(message.parent_id),
    rootId: str(message.root_id),
    imageKeys: body.imageKeys,
    files: body.files,
  };
}

function normaliseCard(header: Json, event: Json): BotEvent {
  const action = obj(event.action);
  const context = obj(event.context);
  const formValue = action.form_value === undefined ? undefined : obj(action.form_value);
  return {
    type: "card",
    eventId: str(header.event_id) ?? "",
    operator: str(obj(event.operator).open_id) ?? "",
    token: str(event.token) ?? "",
    value: obj(action.value),
    formValue,
    inputValue: str(action.input_value),
    option: str(action.option),
    actionName: str(action.name),
    messageId: str(context.open_message_id) ?? "",
    chatId: str(context.open_chat_id) ?? "",
    createTime: eventTime(header) ?? Date.now(),
  };
}

/** The event's header create_time (ms), when it is a number. */
function eventTime(header: Json): number | undefined {
  const value = Number(str(header.create_time));
  return Number.isFinite(value) ? value : undefined;
}

export function normaliseEvent(payload: Json, botOpenId: string | null): BotEvent {
  if (payload.type === "url_verification")
    return { type: "challenge", challenge: str(payload.challenge) ?? "" };
  const header = obj(payload.header);
  const event = obj(payload.event);
  const eventType = str(header.event_type) ?? str(obj(payload.event).type) ?? "unknown";
  const eventId = str(header.event_id);
  switch (eventType) {
    case "im.message.receive_v1":
      return normaliseMessage(header, event, botOpenId);
    case "card.action.trigger":
      return normaliseCard(header, event);
    case "im.chat.member.bot.added_v1":
      return {
        type: "bot_added",
        eventId: eventId ?? "",
        chatId: str(event.chat_id) ?? "",
        operator: str(obj(event.operator_id).open_id),
      };
    default:
      return { type: "ignored", eventId, eventType };
  }
}
