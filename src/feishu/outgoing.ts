// What the bot sends and where, and how one such message becomes an outbox row (content as Feishu takes it).
import type { Card } from "../../cards/types";
import type { NewOutboxFile, NewOutboxRow, OutboxRow } from "../store/outbox";
import { fileTypeOf } from "./file-type";

export type Outgoing =
  | { msgType: "text"; text: string }
  | { msgType: "interactive"; card: Card }
  /** a file to upload and send: the bytes wait with the outbox row until Feishu takes them */
  | { msgType: "file"; fileName: string; bytes: Buffer }
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
      // Until it is uploaded the row names the file; the send puts Feishu's file_key in its place.
      return JSON.stringify({ file_name: message.fileName });
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

/** The bytes a file message keeps with its outbox row; null for any other message. */
export function outboxFileOf(id: string, message: Outgoing): NewOutboxFile | null {
  if (message.msgType !== "file") return null;
  return {
    outboxId: id,
    fileName: message.fileName,
    fileType: fileTypeOf(message.fileName),
    bytes: message.bytes,
  };
}
