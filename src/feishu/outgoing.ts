// What the bot sends and where, and how one such message becomes an outbox row (content as Feishu takes it).
import type { Card } from "../../cards/types";
import type { NewOutboxRow, OutboxRow } from "../store/outbox";

export type Outgoing =
  | { msgType: "text"; text: string }
  | { msgType: "interactive"; card: Card }
  | { msgType: "file"; fileKey: string }
  | { msgType: "image"; imageKey: string };

export type Target =
  | { kind: "reply"; messageId: string; chatId?: string | undefined }
  | { kind: "chat"; chatId: string }
  | { kind: "user"; openId: string }
  | { kind: "patch"; messageId: string; chatId?: string | undefined };

export interface Posted {
  outboxId: string;
  status: OutboxRow["status"];
  messageId: string | null;
}

function contentOf(message: Outgoing): string {
  switch (message.msgType) {
    case "text":
      return JSON.stringify({ text: message.text });
    case "interactive":
      return JSON.stringify(message.card);
    case "file":
      return JSON.stringify({ file_key: message.fileKey });
    case "image":
      return JSON.stringify({ image_key: message.imageKey });
  }
}

export function outboxRow(
  id: string,
  target: Target,
  message: Outgoing,
  local: boolean,
  ref?: string,
): NewOutboxRow {
  const base = {
    id,
    msgType: message.msgType,
    content: contentOf(message),
    status: local ? ("local" as const) : ("pending" as const),
    ref: ref ?? null,
  };
  switch (target.kind) {
    case "reply":
      return { ...base, kind: "reply", replyTo: target.messageId, receiveId: target.chatId ?? null };
    case "patch":
      return { ...base, kind: "patch", messageId: target.messageId, receiveId: target.chatId ?? null };
    case "chat":
      return { ...base, kind: "send", receiveIdType: "chat_id", receiveId: target.chatId };
    case "user":
      return { ...base, kind: "send", receiveIdType: "open_id", receiveId: target.openId };
  }
}
