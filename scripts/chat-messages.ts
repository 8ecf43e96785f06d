// The events `npm run chat` sends into the bot, shaped as Feishu delivers them (im.message.receive_v1 with a
// text, rich-text, file or image message; card.action.trigger), so they take the webhook's road.
import type { RenderedButton } from "../cards/text";

let seq = 0;
export const localId = (prefix: string) => `${prefix}local_${Date.now().toString(36)}_${++seq}`;

export interface Sender {
  user: string;
  chat: string;
}

/** What a person hands over besides text: a file, or an image, by the local key its bytes are read under. */
export type Attachment = { kind: "file"; key: string; name: string } | { kind: "image"; key: string };

type Mention = { key: string; id: { open_id: string; user_id: string | null }; name: string };

/** The text with the bot's @mention in front (a group hears only that) and `@ou_…` written as mentions. */
function mentioned(text: string, group: boolean): { body: string; mentions: Mention[] } {
  const mentions: Mention[] = group
    ? [{ key: "@_user_0", id: { open_id: "ou_local_bot", user_id: null }, name: "安督" }]
    : [];
  const body = text.replace(/@(ou_[0-9A-Za-z_-]+)/g, (_, openId: string) => {
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, id: { open_id: openId, user_id: openId }, name: openId });
    return key;
  });
  return { body, mentions };
}

function content(text: string, attachment: Attachment | undefined, group: boolean) {
  const { body, mentions } = mentioned(text, group);
  const at = group ? "@_user_0 " : "";
  if (!attachment) return { type: "text", content: { text: `${at}${body}` }, mentions };
  if (attachment.kind === "file") {
    // A file is its own message: Feishu sends no text or @mention with it.
    return { type: "file", content: { file_key: attachment.key, file_name: attachment.name }, mentions: [] };
  }
  if (text.trim() === "") return { type: "image", content: { image_key: attachment.key }, mentions: [] };
  // Text and an image in one message is rich text (post): paragraphs of at, text and img.
  const paragraph = [
    ...(group ? [{ tag: "at", user_id: "@_user_0", user_name: "安督" }] : []),
    { tag: "text", text: ` ${body}` },
  ];
  const post = { title: "", content: [paragraph, [{ tag: "img", image_key: attachment.key }]] };
  return { type: "post", content: post, mentions };
}

export function messagePayload(from: Sender, text: string, attachment?: Attachment) {
  const group = from.chat.startsWith("oc_");
  const message = content(text, attachment, group);
  const now = Date.now();
  return {
    schema: "2.0",
    header: { event_id: localId("ev_"), event_type: "im.message.receive_v1", create_time: String(now) },
    event: {
      sender: { sender_id: { open_id: from.user }, sender_type: "user" },
      message: {
        message_id: localId("om_"),
        chat_id: from.chat,
        chat_type: group ? "group" : "p2p",
        message_type: message.type,
        create_time: String(now),
        content: JSON.stringify(message.content),
        mentions: message.mentions,
      },
    },
  };
}

export function cardPayload(
  from: Sender,
  button: RenderedButton,
  messageId: string,
  form?: Record<string, string>,
) {
  return {
    schema: "2.0",
    header: { event_id: localId("ev_"), event_type: "card.action.trigger", create_time: String(Date.now()) },
    event: {
      operator: { open_id: from.user },
      token: localId("c-"),
      action: { tag: "button", value: button.value, ...(form ? { form_value: form } : {}) },
      context: { open_message_id: messageId, open_chat_id: from.chat },
    },
  };
}
