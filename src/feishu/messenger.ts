// Sends the bot's messages: reply, send to a chat or a person, patch a card. Every message is an outbox row
// first; its id is Feishu's `uuid`, so a retry never shows twice, and what cannot be sent now is sent later.
// Follows open.feishu.cn im/v1 message create, reply and patch (limits: 5 a second per user and per group; a
// card is patched only within 14 days of sending); which failures are retried: ./errors.ts.
import { createHash, randomUUID } from "node:crypto";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import type { Logger } from "../logger";
import {
  dueOutbox,
  getOutbox,
  getOutboxFile,
  insertOutboxWith,
  leaseOutbox,
  markFailed,
  markRetry,
  markSent,
  type NewOutboxFile,
  type NewOutboxRow,
  type OutboxRow,
  sentAtOf,
  setOutboxFileKey,
  waitingOutbox,
} from "../store/outbox";
import { validateCard } from "./card-rules/validate";
import type { LarkClient } from "./client";
import { checkAnswer, FeishuApiError } from "./errors";
import { fileProblem } from "./file-type";
import { reportMissingScope } from "./missing-scope";
import { type Outgoing, outboxFileOf, outboxRow, type Posted, type Target } from "./outgoing";
import { RateLimiter } from "./rate-limit";
import { backoffMs, failure, type RetryPolicy } from "./retry";
import { uploadFile } from "./transfers";

export type { Outgoing, Posted, Target } from "./outgoing";

/** One message to post: where, what, and what it is about (its `ref`). */
export interface Post {
  target: Target;
  message: Outgoing;
  ref?: string | undefined;
}

export interface MessengerOptions {
  db: Db;
  lark: LarkClient | null; // null: local mode
  logger: Logger;
  policy: RetryPolicy;
  now?: () => number;
  /** told of every message once it is stored (the chat CLI prints them) */
  onPosted?: (row: OutboxRow) => void;
  /**
   * Starts work that outlives the call (Node: tracked background work): the outbox drains behind the send that
   * found Feishu answering again. Without it the drain waits for the next flush.
   */
  background?: (work: () => Promise<unknown>) => void;
  /** local mode: where a file message is written (Node: `data/exports/`); its path goes in the row */
  localExports?: LocalExports | undefined;
}

/** Local mode's place for the files the bot sends, so `npm run chat` can show where one is (src/node/). */
export interface LocalExports {
  /** where the file of this outbox row is (to be) written */
  pathFor(outboxId: string, fileName: string): string;
  write(path: string, bytes: Buffer): void;
}

/** Told of a message Feishu refused for good, with the code it gave (230013: a person outside availability). */
export type RefusalHandler = (row: OutboxRow, code: number | undefined) => Promise<void>;

const LEASE_MS = 60_000;
/** A waiting message is tried again after 5 s, 10 s, 20 s, then every 40 s (±20 %): never a minute's wait. */
const FIRST_WAIT_MS = 5_000;
const MAX_WAIT_MS = 40_000;
/** Chats drained at once after an outage (each at Feishu's 5 a second). */
const DRAIN_CHATS = 8;

/** What every messenger of one bot shares: the rate limit, whether anything waits, each chat's turn. */
class OutboxState {
  /** something may wait in the outbox (unknown at start): a new message then queues behind its chat's */
  waiting = true;
  /** a send failed for want of Feishu: the next one that succeeds drains the outbox */
  troubled = false;
  draining: Promise<number> | null = null;
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(readonly limiter: RateLimiter) {}

  /** Runs `work` after the work already queued for `chat`: one chat's messages go out in order. */
  inTurn<T>(chat: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(chat) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.catch(() => undefined);
    this.turns.set(chat, settled);
    void settled.then(() => {
      if (this.turns.get(chat) === settled) this.turns.delete(chat);
    });
    return mine;
  }
}
/** Feishu patches a card only within 14 days of sending it (open.feishu.cn im/v1 message patch, 使用限制). */
const PATCH_WINDOW_MS = 14 * 24 * 3_600_000;

/** Where a stored message goes, as far as Feishu's limits are concerned. */
type Destination = Pick<NewOutboxRow, "receiveId" | "receiveIdType">;

/** Whose limit a message counts towards: a person's or a group's (a reply or a patch: its chat's), or none. */
function limitKeyOf(row: Destination): string | null {
  if (!row.receiveId) return null;
  return `${row.receiveIdType === "open_id" ? "user" : "chat"}:${row.receiveId}`;
}

/** The n-th message of a delivery's run, as a uuid: the same on every run, so a resent answer shows once. */
export function deliveryMessageId(delivery: string, n: number): string {
  const hex = createHash("sha256").update(`${delivery}#${n}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class Messenger {
  private readonly now: () => number;
  private readonly state: OutboxState;
  private readonly nextId: () => string;
  private readonly refusalHandlers: RefusalHandler[];

  constructor(
    private readonly options: MessengerOptions,
    shared?: { state: OutboxState; nextId: () => string; refusalHandlers: RefusalHandler[] },
  ) {
    this.now = options.now ?? Date.now;
    this.state = shared?.state ?? new OutboxState(new RateLimiter(5, options.policy.sleep, this.now));
    this.nextId = shared?.nextId ?? randomUUID;
    this.refusalHandlers = shared?.refusalHandlers ?? [];
  }

  /** The messenger of one delivery's run: its messages' ids follow from the delivery, in the order posted. */
  forDelivery(delivery: string): Messenger {
    let n = 0;
    return new Messenger(this.options, {
      state: this.state,
      nextId: () => deliveryMessageId(delivery, n++),
      refusalHandlers: this.refusalHandlers,
    });
  }

  get localMode(): boolean {
    return this.options.lark === null;
  }

  /** Stores the message in the outbox, then tries to deliver it now; what cannot be sent now is sent later. */
  async post(target: Target, message: Outgoing, ref?: string): Promise<Posted> {
    const [posted] = await this.postAll([{ target, message, ref }]);
    return posted!;
  }

  /**
   * Stores the messages in one batch together with `alongside` (a job's claim on its period): all or none,
   * so a crash after the write loses nothing (the outbox sends it later) and a refused write sends nothing.
   * Then tries to deliver them. Throws what the batch threw (a claim already taken: a unique violation).
   */
  async postAll(posts: Post[], alongside: BatchItem<"sqlite">[] = []): Promise<Posted[]> {
    const prepared = posts.map((p) => this.prepare(p));
    const rows = prepared.flatMap((p) => p.rows);
    const files = prepared.flatMap((p) => p.files);
    await insertOutboxWith(this.options.db, alongside, rows, files);
    if (this.localMode) for (const file of files) this.writeLocalFile(file);
    for (const row of rows) {
      if (row.status === "failed") {
        this.options.logger.error(
          row.msgType === "file" ? "file refused before sending" : "card refused before sending",
          { outbox: row.id },
        );
      } else if (this.localMode) {
        this.options.logger.info("outbox (local mode)", {
          outbox: row.id,
          kind: row.kind,
          to: row.receiveId ?? row.replyTo,
          msg_type: row.msgType,
        });
      }
      if (row.status !== "failed") this.notify(row.id);
    }
    const results: Posted[] = [];
    for (const p of prepared) {
      for (const row of p.rows.slice(1)) if (!this.localMode) await this.send(row);
      const first = p.rows[0]!;
      if (first.status === "failed") results.push({ outboxId: first.id, status: "failed", messageId: null });
      else if (this.localMode)
        results.push({ outboxId: first.id, status: "local", messageId: first.messageId ?? null });
      else results.push(await this.send(first));
    }
    return results;
  }

  /** One stored row's first try: while older messages wait, it goes behind them in its chat (order kept). */
  private async send(row: NewOutboxRow): Promise<Posted> {
    if (this.state.waiting && row.receiveId) {
      await this.sendChat(row.receiveId);
      return this.posted(row.id);
    }
    return this.deliver(row.id, false, row);
  }

  /** The outbox rows for one message: itself, or a refused card kept for inspection and a short text instead. */
  private prepare({ target, message, ref }: Post): { rows: NewOutboxRow[]; files: NewOutboxFile[] } {
    const now = this.now();
    const local = (r: NewOutboxRow): NewOutboxRow =>
      this.localMode
        ? { ...r, messageId: target.kind === "patch" ? target.messageId : `local_${r.id}` }
        : { ...r, createdAt: now, nextAttemptAt: now };
    const id = this.nextId();
    const row = outboxRow(id, target, message, this.localMode, ref);
    const file = outboxFileOf(id, message);
    if (file)
      return this.prepareFile(local(row), file, (text) =>
        local(outboxRow(this.nextId(), target, text, this.localMode, ref)),
      );
    if (message.msgType === "interactive") {
      const problems = validateCard(message.card);
      if (problems.length > 0) {
        // Our own bug: Feishu would refuse it. Keep it for inspection, never send it.
        const failed: NewOutboxRow = {
          ...row,
          status: "failed",
          lastError: JSON.stringify(problems).slice(0, 1000),
        };
        // The person still hears something: a short text in the card's place (a patch has no place to go),
        // in the bot's own words only: the card's title may hold user text, which a text message would honour.
        if (target.kind === "patch") return { rows: [failed], files: [] };
        const text = outboxRow(
          this.nextId(),
          target,
          {
            msgType: "text",
            text: "这张卡片内容太多，没能显示。请缩小范围（例如加上 单位= 或 领域=）后再试。",
          },
          this.localMode,
          ref,
        );
        return { rows: [failed, local(text)], files: [] };
      }
    }
    return { rows: [local(row)], files: [] };
  }

  /**
   * A file message's rows: the message and its bytes; in local mode the path it is written to goes in the row.
   * A file Feishu would refuse (empty, over 30 MB) is kept as failed, and a short text goes in its place.
   */
  private prepareFile(
    row: NewOutboxRow,
    file: NewOutboxFile,
    instead: (text: Outgoing) => NewOutboxRow,
  ): { rows: NewOutboxRow[]; files: NewOutboxFile[] } {
    const problem = fileProblem(file.bytes);
    if (problem !== null) {
      // Our own bug (a workbook is never this big): kept for inspection, a short text in the file's place.
      const failed: NewOutboxRow = { ...row, status: "failed", lastError: problem };
      const size = file.bytes.length === 0 ? "是空的" : "超过了飞书的 30 MB 上限";
      const text = instead({
        msgType: "text",
        text: `文件「${file.fileName}」${size}，没能发出。请缩小范围后再试。`,
      });
      return { rows: [failed, text], files: [] };
    }
    if (!this.localMode) return { rows: [row], files: [file] };
    // Local mode: nothing is uploaded; the row names where the file is written (the bytes stay in the outbox).
    const path = this.options.localExports?.pathFor(file.outboxId, file.fileName) ?? null;
    return {
      rows: [{ ...row, content: JSON.stringify({ file_name: file.fileName, path }) }],
      files: [{ ...file, fileKey: `file_local_${file.outboxId}` }],
    };
  }

  private writeLocalFile(file: NewOutboxFile): void {
    const exports = this.options.localExports;
    if (!exports) return;
    const path = exports.pathFor(file.outboxId, file.fileName);
    exports.write(path, file.bytes);
    this.options.logger.info("file written (local mode)", { outbox: file.outboxId, path });
  }

  /** Registers a handler for refused messages (the reminders fall back to a group for 230013). */
  onRefused(handler: RefusalHandler): void {
    this.refusalHandlers.push(handler);
  }

  private async refused(row: OutboxRow, code: number | undefined): Promise<void> {
    for (const handler of this.refusalHandlers) {
      try {
        await handler(row, code);
      } catch (error) {
        this.options.logger.error("refusal handler failed", {
          outbox: row.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /**
   * The outbox's tick (at start, on a timer in Node, from a cron on Workers): when a waiting message is due for
   * its retry, it is tried; if Feishu takes it, everything waiting goes out, each chat in order. Returns how
   * many were sent: at most about `limit` (a Worker's cron bounds each run; the rest goes out on the next).
   */
  async flush(limit = Number.POSITIVE_INFINITY): Promise<number> {
    if (this.localMode) return 0;
    const [due] = await dueOutbox(this.options.db, this.now(), 1);
    if (!due) {
      if ((await waitingOutbox(this.options.db, { now: this.now(), limit: 1 })).length === 0)
        this.state.waiting = false;
      return 0;
    }
    // The due message's chat goes from its oldest waiting message: a later one never overtakes it. This flush
    // drains behind a probe that succeeds, within its bound: no unbounded drain is started for it as well.
    this.state.troubled = false;
    const probe = await this.sendChat(due.receiveId ?? undefined, due.receiveId ? undefined : due.id, limit);
    return probe > 0 ? probe + (await this.drain(limit - probe)) : 0;
  }

  /**
   * Sends everything waiting now, due or not, each chat's messages in order, several chats at once; stops a
   * chat at its first failure. Runs once at a time. Returns how many were sent, at most `limit` (a drain
   * already running keeps its own bound).
   */
  drain(limit = Number.POSITIVE_INFINITY): Promise<number> {
    if (this.localMode) return Promise.resolve(0);
    if (this.state.draining) return this.state.draining;
    const run = async () => {
      let sent = 0;
      for (;;) {
        if (sent >= limit) return sent;
        const rows = await waitingOutbox(this.options.db, {
          now: this.now(),
          limit: Math.min(500, limit - sent),
        });
        const chats = [...new Set(rows.map((r) => r.receiveId ?? `row:${r.id}`))];
        if (chats.length === 0) {
          this.state.waiting = false;
          return sent;
        }
        let progress = 0;
        for (let i = 0; i < chats.length; i += DRAIN_CHATS) {
          // Within the bound: no more chats at once than messages left to send, each its share of them.
          const room = limit - sent - progress;
          if (room <= 0) break;
          const group = chats.slice(i, i + Math.min(DRAIN_CHATS, room));
          const share = Math.floor(room / group.length);
          const counts = await Promise.all(
            group.map((chat) =>
              chat.startsWith("row:")
                ? this.sendChat(undefined, chat.slice(4))
                : this.sendChat(chat, undefined, share),
            ),
          );
          progress += counts.reduce((a, b) => a + b, 0);
          if (this.state.troubled) return sent + progress; // Feishu failed again: the next flush tries
        }
        sent += progress;
        if (progress === 0) return sent;
      }
    };
    this.state.draining = run().finally(() => {
      this.state.draining = null;
    });
    return this.state.draining;
  }

  /**
   * Sends a chat's waiting messages (or the one row `only`) in order, at most `max`, stopping at the first that
   * fails.
   */
  private sendChat(chat: string | undefined, only?: string, max = 100): Promise<number> {
    const work = async () => {
      const limit = Math.min(100, max);
      const ids = only
        ? [only]
        : (await waitingOutbox(this.options.db, { now: this.now(), limit, receiveId: chat })).map(
            (r) => r.id,
          );
      let sent = 0;
      for (const id of ids) {
        const result = await this.deliver(id, true);
        if (result.status === "pending") break;
        if (result.status === "sent") sent++;
      }
      return sent;
    };
    return chat ? this.state.inTurn(chat, work) : work();
  }

  private async posted(id: string): Promise<Posted> {
    const row = await getOutbox(this.options.db, id);
    return { outboxId: id, status: row?.status ?? "pending", messageId: row?.messageId ?? null };
  }

  private async notify(id: string): Promise<void> {
    if (!this.options.onPosted) return;
    const row = await getOutbox(this.options.db, id);
    if (row) this.options.onPosted(row);
  }

  /**
   * One message, tried up to the policy's attempts; `early`: even if it waits for a later retry. `stored`: where
   * it goes, when the caller has just stored it (no need to read it back before its lease).
   */
  private async deliver(id: string, early: boolean, stored?: Destination): Promise<Posted> {
    const { db, logger } = this.options;
    let waiting = stored;
    if (!waiting) {
      const row = await getOutbox(db, id);
      if (row?.status !== "pending") return this.posted(id);
      waiting = row;
    }
    // Feishu's limit first: the send time is booked now and the lease covers the wait for it, so a message
    // waiting its turn behind a busy chat is not taken for abandoned, and sent again, by the next tick.
    const limitKey = limitKeyOf(waiting);
    const wait = limitKey ? this.state.limiter.reserve(limitKey) : 0;
    const row = await leaseOutbox(db, id, { now: this.now(), leaseMs: LEASE_MS + wait, early });
    if (!row) return this.posted(id);
    if (wait > 0) await this.options.policy.sleep(wait);
    if (row.kind === "patch" && (await this.tooOldToPatch(row.messageId!))) {
      // Feishu updates a card only within 14 days of sending: the newer card the bot sent since stands.
      await markFailed(db, id, "not patched: the card is older than 14 days", row.attempts);
      logger.warn("card older than 14 days left as it is", { outbox: id, message: row.messageId });
      return { outboxId: id, status: "failed", messageId: null };
    }
    let attempts = row.attempts;
    for (let tryNo = 1; ; tryNo++) {
      attempts++;
      try {
        if (tryNo > 1 && limitKey) await this.state.limiter.take(limitKey);
        const messageId = await this.sendRow(row);
        await markSent(db, id, messageId, this.now(), attempts);
        this.recovered();
        return { outboxId: id, status: "sent", messageId };
      } catch (thrown) {
        const error = failure(thrown, this.options.lark);
        if (!error.retryable) {
          await markFailed(db, id, error.message, attempts);
          if (!reportMissingScope(this.options.lark, logger, error, `message ${row.kind}`)) {
            logger.error("message refused by Feishu", { outbox: id, status: error.status, code: error.code });
          }
          await this.refused(row, error.code);
          return { outboxId: id, status: "failed", messageId: null };
        }
        if (tryNo >= this.options.policy.attempts) {
          const rounds = Math.ceil(attempts / this.options.policy.attempts);
          const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(rounds - 1, 10));
          await markRetry(db, id, error.message, attempts, this.now() + wait * (0.8 + Math.random() * 0.4));
          this.state.waiting = true;
          this.state.troubled = true;
          logger.warn("message left for a later retry", {
            outbox: id,
            attempts,
            code: error.code,
            status: error.status,
          });
          return { outboxId: id, status: "pending", messageId: null };
        }
        await this.options.policy.sleep(backoffMs(this.options.policy, tryNo));
      }
    }
  }

  /** A send succeeded after failures: what waits goes out now, behind this one, not at its own retry time. */
  private recovered(): void {
    if (!this.state.troubled) return;
    this.state.troubled = false;
    this.options.background?.(() => this.drain());
  }

  private async tooOldToPatch(messageId: string): Promise<boolean> {
    const sentAt = await sentAtOf(this.options.db, messageId);
    return sentAt !== null && this.now() - sentAt >= PATCH_WINDOW_MS;
  }

  private async sendRow(row: OutboxRow): Promise<string | null> {
    const client = this.options.lark!.client; // deliver() runs only outside local mode
    try {
      const content = row.msgType === "file" ? await this.uploaded(row) : row.content;
      if (row.kind === "reply") {
        const answer = checkAnswer(
          await client.im.v1.message.reply({
            path: { message_id: row.replyTo! },
            data: { msg_type: row.msgType, content, uuid: row.id },
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
          data: { receive_id: row.receiveId!, msg_type: row.msgType, content, uuid: row.id },
        }),
      );
      return answer.data?.message_id ?? null;
    } catch (thrown) {
      throw failure(thrown, null);
    }
  }

  /**
   * A file message's content: its bytes uploaded (im/v1/files) the first time, the file_key kept with the row,
   * so a send that fails after the upload does not upload again. An upload that fails is retried like a send.
   */
  private async uploaded(row: OutboxRow): Promise<string> {
    const file = await getOutboxFile(this.options.db, row.id);
    if (!file) throw new FeishuApiError("the file's bytes are missing", undefined, undefined, false, false);
    if (file.fileKey === null) {
      // by fetch and FormData (./transfers.ts), as on Workers: the SDK's multipart needs Node's streams
      const fileKey = await uploadFile(this.options.lark!, file);
      await setOutboxFileKey(this.options.db, row.id, fileKey);
      return JSON.stringify({ file_key: fileKey });
    }
    return JSON.stringify({ file_key: file.fileKey });
  }
}
