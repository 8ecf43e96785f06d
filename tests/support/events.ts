// Builds Feishu event deliveries exactly as Feishu sends them: schema 2.0 payloads, AES-256-CBC encrypted,
// signed over the body bytes. Checked against ../shared/vectors (tests/fixtures/feishu-events.json).
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import vectors from "../fixtures/feishu-events.json";

export const ENCRYPT_KEY = vectors.encryptKey;
export const VERIFICATION_TOKEN = vectors.verificationToken;
export const APP_ID = "cli_a1b2c3d4e5f6a7b8";
export const BOT_OPEN_ID = "ou_bot000000000000000000000000000";
export const GROUP_CHAT = "oc_5ad11d72b830411d72b836c20";

let counter = 0;
const nextId = (prefix: string) =>
  `${prefix}${Date.now().toString(16)}${(++counter).toString(16).padStart(6, "0")}`;

export function encrypt(plain: string, key: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv("aes-256-cbc", createHash("sha256").update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

export function sign(timestamp: string, nonce: string, key: string, body: string): string {
  return createHash("sha256")
    .update(timestamp + nonce + key + body)
    .digest("hex");
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** A delivery as Feishu sends it with an Encrypt Key: encrypted body, signature headers. */
export function encryptedDelivery(payload: object, key = ENCRYPT_KEY): Delivery {
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(payload), key) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(4).toString("hex");
  return {
    headers: {
      "content-type": "application/json",
      "x-lark-request-timestamp": timestamp,
      "x-lark-request-nonce": nonce,
      "x-lark-signature": sign(timestamp, nonce, key, body),
    },
    body,
  };
}

/** A delivery as Feishu sends it with only a Verification Token: plain JSON, no signature. */
export function plainDelivery(payload: object): Delivery {
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(payload) };
}

function header(eventType: string, eventId: string, createTime: number, token = VERIFICATION_TOKEN) {
  return {
    event_id: eventId,
    event_type: eventType,
    create_time: String(createTime),
    token,
    app_id: APP_ID,
    tenant_key: "2ca1d211f64f6438",
  };
}

export interface MessageOptions {
  sender?: string;
  chatId?: string;
  chatType?: "group" | "p2p";
  eventId?: string;
  messageId?: string;
  createTime?: number;
  parentId?: string;
  /** other people mentioned: written `@name` in the text is replaced by their mention key */
  mentions?: { openId: string; name: string }[];
  token?: string;
}

/** A text message; in a group it starts with the bot's @mention, as Feishu delivers it. */
export function messagePayload(text: string, o: MessageOptions = {}) {
  const chatType = o.chatType ?? "group";
  const mentions: object[] = [];
  let body = text;
  if (chatType === "group") {
    mentions.push({
      key: "@_user_1",
      id: { open_id: BOT_OPEN_ID, user_id: null, union_id: "on_bot" },
      name: "安督",
    });
    body = `@_user_1 ${text}`;
  }
  for (const [i, m] of (o.mentions ?? []).entries()) {
    const key = `@_user_${i + 2}`;
    body = body.replace(`@${m.name}`, key);
    mentions.push({ key, id: { open_id: m.openId, user_id: `u${i}`, union_id: `on_${i}` }, name: m.name });
  }
  const createTime = o.createTime ?? Date.now();
  return messageEnvelope({
    o,
    createTime,
    messageType: "text",
    content: JSON.stringify({ text: body }),
    mentions,
    chatType,
  });
}

export function messageEnvelope(m: {
  o: MessageOptions;
  createTime: number;
  messageType: string;
  content: string;
  mentions: object[];
  chatType: "group" | "p2p";
}) {
  const sender = m.o.sender ?? "ou_7d8a6e6df7621556ce0d21922b676706";
  return {
    schema: "2.0",
    header: header("im.message.receive_v1", m.o.eventId ?? nextId("ev"), m.createTime, m.o.token),
    event: {
      sender: {
        sender_id: { open_id: sender, user_id: "u_sender", union_id: "on_sender" },
        sender_type: "user",
      },
      message: {
        message_id: m.o.messageId ?? nextId("om_"),
        ...(m.o.parentId ? { parent_id: m.o.parentId, root_id: m.o.parentId } : {}),
        chat_id: m.o.chatId ?? GROUP_CHAT,
        chat_type: m.chatType,
        message_type: m.messageType,
        create_time: String(m.createTime),
        content: m.content,
        mentions: m.mentions,
      },
    },
  };
}

export interface CardOptions {
  operator?: string;
  messageId?: string;
  chatId?: string;
  eventId?: string;
  formValue?: Record<string, unknown>;
  name?: string;
  token?: string;
}

export function cardPayload(value: Record<string, unknown>, o: CardOptions = {}) {
  const now = Date.now();
  return {
    schema: "2.0",
    header: header("card.action.trigger", o.eventId ?? nextId("ev"), now, o.token),
    event: {
      operator: {
        open_id: o.operator ?? "ou_7d8a6e6df7621556ce0d21922b676706",
        user_id: "u_op",
        union_id: "on_op",
      },
      token: `c-${nextId("")}`,
      action: {
        tag: "button",
        value,
        ...(o.name ? { name: o.name } : {}),
        ...(o.formValue ? { form_value: o.formValue } : {}),
      },
      host: "im_message",
      context: { open_message_id: o.messageId ?? nextId("om_"), open_chat_id: o.chatId ?? GROUP_CHAT },
    },
  };
}

/** A rich-text message as Feishu delivers an @mention with an image: paragraphs of at, text and img. */
export function postWithImages(text: string, imageKeys: string[], o: MessageOptions) {
  const content = {
    title: "",
    content: [
      [
        { tag: "at", user_id: "@_user_1", user_name: "安督" },
        { tag: "text", text: ` ${text}` },
      ],
      ...imageKeys.map((key) => [{ tag: "img", image_key: key, width: 800, height: 600 }]),
    ],
  };
  return messageEnvelope({
    o,
    createTime: o.createTime ?? Date.now(),
    messageType: "post",
    content: JSON.stringify(content),
    mentions: [
      { key: "@_user_1", id: { open_id: BOT_OPEN_ID, user_id: null, union_id: "on_bot" }, name: "安督" },
    ],
    chatType: "group",
  });
}

export function botAddedPayload(chatId: string, eventId = nextId("ev")) {
  return {
    schema: "2.0",
    header: header("im.chat.member.bot.added_v1", eventId, Date.now()),
    event: {
      chat_id: chatId,
      operator_id: { open_id: "ou_admin" },
      name: "高兴镇安全生产群",
      external: false,
    },
  };
}

export { vectors };
