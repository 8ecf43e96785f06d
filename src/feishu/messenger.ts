// Sends the bot's messages: reply, send to a chat or a person, patch a card, upload files and images.
// Every message is an outbox row first; its id is Feishu's `uuid`, so a retry never shows twice.
// Follows open.feishu.cn im/v1 message create, reply, patch; FEISHU.md "Errors worth retrying".
import { randomUUID } from "node:crypto";
import type { Card } from "../../cards/types";
import { validateCard } from "../../cards/validate";
import type { Db } from "../../db/client";
import type { Logger } from "../logger";
import {
  dueOutbox,
  getOutbox,
  insertOutbox,
  leaseOutbox,
  markFailed,
  markRetry,
  markSent,
  type NewOutboxRow,
  type OutboxRow,
} from "../store/outbox";
import type { LarkClient } from "./client";
import { checkAnswer, FeishuApiError, fromThrown } from "./errors";
import { RateLimiter } from "./rate-limit";

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

export interface MessengerOptions {
  db: Db;
  lark: LarkClient | null; // null: local mode
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** in-call attempts before a message is left to the background flush */
  attempts?: number;
  baseDelayMs?: number;
  /** told of every message once it is stored (the chat CLI prints them) */
  onPosted?: (row: OutboxRow) => void;
}

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

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

function rowFor(id: string, target: Target, message: Outgoing, local: boolean, ref?: string): NewOutboxRow {
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

export class Messenger {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;
  private readonly attempts: number;
  private readonly baseDelayMs: number;

  constructor(private readonly options: MessengerOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiter(5, this.sleep, this.now);
    this.attempts = options.attempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 300;
  }

  get localMode(): boolean {
    return this.options.lark === null;
  }

  /** Stores the message in the outbox, then tries to deliver it now; what cannot be sent now is sent later. */
  async post(target: Target, message: Outgoing, ref?: string): Promise<Posted> {
    const { db, logger } = this.options;
    const id = randomUUID();
    const row = rowFor(id, target, message, this.localMode, ref);
    if (message.msgType === "interactive") {
      const problems = validateCard(message.card);
      if (problems.length > 0) {
        // Our own bug: Feishu would refuse it. Keep it for inspection, never send it.
        await insertOutbox(db, {
          ...row,
          status: "failed",
          lastError: JSON.stringify(problems).slice(0, 1000),
        });
        logger.error("card refused before sending", { outbox: id, problems: problems.length });
        // The person still hears something: a short text in the card's place (a patch has no place to go).
        if (target.kind !== "patch") {
          const title = message.card.header?.title.content ?? "卡片";
          await this.post(
            target,
            {
              msgType: "text",
              text: `「${title}」内容太多，没能显示成卡片。请缩小范围（例如加上 单位= 或 领域=）后再试。`,
            },
            ref,
          );
        }
        return { outboxId: id, status: "failed", messageId: null };
      }
    }
    if (this.localMode) {
      const messageId = target.kind === "patch" ? target.messageId : `local_${id}`;
      await insertOutbox(db, { ...row, messageId });
      logger.info("outbox (local mode)", {
        outbox: id,
        kind: row.kind,
        to: row.receiveId ?? row.replyTo,
        msg_type: row.msgType,
      });
      this.notify(id);
      return { outboxId: id, status: "local", messageId };
    }
    await insertOutbox(db, row);
    this.notify(id);
    return this.deliver(id);
  }

  /** Sends every due pending row (at start, and periodically). Returns how many were sent. */
  async flush(limit = 100): Promise<number> {
    if (this.localMode) return 0;
    const rows = await dueOutbox(this.options.db, this.now(), limit);
    let sent = 0;
    for (const row of rows) {
      const result = await this.deliver(row.id);
      if (result.status === "sent") sent++;
    }
    return sent;
  }

  private async notify(id: string): Promise<void> {
    if (!this.options.onPosted) return;
    const row = await getOutbox(this.options.db, id);
    if (row) this.options.onPosted(row);
  }

  private async deliver(id: string): Promise<Posted> {
    const { db, logger } = this.options;
    if (!(await leaseOutbox(db, id, this.now(), LEASE_MS))) {
      const row = await getOutbox(db, id);
      return { outboxId: id, status: row?.status ?? "pending", messageId: row?.messageId ?? null };
    }
    const row = (await getOutbox(db, id))!;
    let attempts = row.attempts;
    for (let tryNo = 1; ; tryNo++) {
      attempts++;
      try {
        const messageId = await this.sendRow(row);
        await markSent(db, id, messageId, this.now(), attempts);
        return { outboxId: id, status: "sent", messageId };
      } catch (thrown) {
        const error = fromThrown(thrown);
        if (error.tokenInvalid) this.options.lark?.tokens.clear();
        if (!error.retryable) {
          await markFailed(db, id, error.message, attempts);
          logger.error("message refused by Feishu", { outbox: id, status: error.status, code: error.code });
          return { outboxId: id, status: "failed", messageId: null };
        }
        if (tryNo >= this.attempts) {
          const wait = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.min(attempts, 20));
          await markRetry(db, id, error.message, attempts, this.now() + wait);
          logger.warn("message left for a later retry", {
            outbox: id,
            attempts,
            code: error.code,
            status: error.status,
          });
          return { outboxId: id, status: "pending", messageId: null };
        }
        await this.sleep(this.baseDelayMs * 2 ** (tryNo - 1) * (0.75 + Math.random() * 0.5));
      }
    }
  }

  private requireClient() {
    if (!this.options.lark) throw new FeishuApiError("local mode", undefined, undefined, false, false);
    return this.options.lark.client;
  }

  private async sendRow(row: OutboxRow): Promise<string | null> {
    const client = this.requireClient();
    if (row.receiveId && row.receiveIdType !== "open_id") await this.limiter.take(row.receiveId);
    try {
      if (row.kind === "reply") {
        const answer = checkAnswer(
          await client.im.v1.message.reply({
            path: { message_id: row.replyTo! },
            data: { msg_type: row.msgType, content: row.content, uuid: row.id },
          }),
        );
        return answer.data?.message_id ?? null;
      }
      if (row.kind === "patch") {
        checkAnswer(
          await client.im.v1.message.patch({
            path: { message_id: row.messageId! },
            data: { content: row.content },
          }),
        );
        return row.messageId;
      }
      const answer = checkAnswer(
        await client.im.v1.message.create({
          params: { receive_id_type: row.receiveIdType ?? "chat_id" },
          data: { receive_id: row.receiveId!, msg_type: row.msgType, content: row.content, uuid: row.id },
        }),
      );
      return answer.data?.message_id ?? null;
    } catch (thrown) {
      throw fromThrown(thrown);
    }
  }

  /** Runs one Open API call with the same retry rules as a message; null in local mode. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let tryNo = 1; ; tryNo++) {
      try {
        return checkAnswer(await fn());
      } catch (thrown) {
        const error = fromThrown(thrown);
        if (error.tokenInvalid) this.options.lark?.tokens.clear();
        if (!error.retryable || tryNo >= this.attempts) {
          this.options.logger.warn(`${what} failed`, { status: error.status, code: error.code });
          throw error;
        }
        await this.sleep(this.baseDelayMs * 2 ** (tryNo - 1));
      }
    }
  }

  /** Uploads a file (at most 30 MB) for sending as a file message; returns its file_key. */
  async uploadFile(fileName: string, bytes: Buffer, fileType: "xls" | "pdf" | "doc" | "stream" = "stream") {
    const client = this.requireClient();
    const answer = await this.call("file upload", () =>
      client.im.v1.file.create({ data: { file_type: fileType, file_name: fileName, file: bytes } }),
    );
    const key = answer?.file_key;
    if (!key) throw new FeishuApiError("file upload returned no file_key", 200, undefined, false, false);
    return key;
  }

  /** Uploads an image as the bot's own, so a card can show it; returns its image_key. */
  async uploadImage(bytes: Buffer): Promise<string> {
    const client = this.requireClient();
    const answer = await this.call("image upload", () =>
      client.im.v1.image.create({ data: { image_type: "message", image: bytes } }),
    );
    const key = answer?.image_key;
    if (!key) throw new FeishuApiError("image upload returned no image_key", 200, undefined, false, false);
    return key;
  }

  /** Downloads an image or file a user sent in a message. */
  async downloadResource(messageId: string, fileKey: string, type: "image" | "file"): Promise<Buffer> {
    const client = this.requireClient();
    const resource = await this.call("resource download", () =>
      client.im.v1.messageResource.get({
        path: { message_id: messageId, file_key: fileKey },
        params: { type },
      }),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of resource.getReadableStream()) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  /** The bot's own open_id (to recognise its @mention), or null in local mode or when Feishu does not answer. */
  async botOpenId(): Promise<string | null> {
    if (!this.options.lark) return null;
    const client = this.options.lark.client;
    try {
      const answer = await this.call("bot info", () =>
        client.request<{ code?: number; bot?: { open_id?: string } }>({
          method: "GET",
          url: "/open-apis/bot/v3/info",
        }),
      );
      return answer.bot?.open_id ?? null;
    } catch {
      return null;
    }
  }

  /** A user's display name from the contact API, or null when it cannot be had (scope missing, local mode). */
  async userName(openId: string): Promise<string | null> {
    if (!this.options.lark) return null;
    const client = this.options.lark.client;
    try {
      const answer = await this.call("user lookup", () =>
        client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } }),
      );
      return answer.data?.user?.name ?? null;
    } catch {
      return null;
    }
  }
}
