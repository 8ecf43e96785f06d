// A file goes out like every other message: an outbox row with its bytes, uploaded (im/v1/files, multipart,
// xls for a workbook) when the row is sent, then a `file` message with Feishu's file_key. An outage delays it
// and loses nothing; a send that fails after the upload does not upload again; local mode writes the file
// under the exports folder and puts its path in the row.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { outbox, outboxFiles } from "../db/schema";
import { exportsFolder } from "../src/node/local-exports";
import { GROUP_CHAT } from "./support/events";
import { type Harness, startHarness } from "./support/harness";

const FLUSH_EVERY_MS = 5_000;
const WORKBOOK = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(20_000, 7)]);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A harness whose outbox runs on a clock the test moves (retries and their waits fast-forwarded). */
async function clocked() {
  const clock = { at: Date.now() };
  h = await startHarness({
    sendClock: {
      now: () => clock.at,
      sleep: async (ms) => {
        clock.at += Math.max(0, ms);
      },
    },
  });
  return { h, clock };
}

describe("a file through the outbox", () => {
  it("is uploaded as xls with its name and bytes, then sent as a file message with that file_key", async () => {
    const { h } = await clocked();
    const posted = await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "file", fileName: "附件3-台账.xlsx", bytes: WORKBOOK },
    );
    expect(posted.status).toBe("sent");
    expect(h.fake.uploads).toHaveLength(1);
    const [upload] = h.fake.uploads;
    expect(upload).toMatchObject({ fileName: "附件3-台账.xlsx", fileType: "xls" });
    expect(upload!.bytes.equals(WORKBOOK)).toBe(true);
    expect(h.fake.messages).toEqual([
      expect.objectContaining({
        receive_id: GROUP_CHAT,
        msg_type: "file",
        content: { file_key: upload!.fileKey },
      }),
    ]);
    const [kept] = await h.bot.deps.db.select().from(outboxFiles);
    expect(kept?.fileKey).toBe(upload!.fileKey);
  });

  it("waits out an outage with its bytes kept, then goes out once, uploaded once", async () => {
    const { h, clock } = await clocked();
    const end = h.fake.outage({ status: 503, msg: "service unavailable" });
    const posted = await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "file", fileName: "附件4-调度表.xlsx", bytes: WORKBOOK },
    );
    expect(posted.status).toBe("pending");
    const start = clock.at;
    while (clock.at < start + 60_000) {
      clock.at += FLUSH_EVERY_MS;
      await h.bot.deps.messenger.flush();
      await h.settle();
    }
    expect(h.fake.uploads).toEqual([]);
    const [waiting] = await h.bot.deps.db.select().from(outboxFiles);
    expect(waiting?.bytes.equals(WORKBOOK)).toBe(true);
    // Nothing is lost across a restart either: the bytes are in the database, not in memory.
    await h.restart();
    end();
    for (let i = 0; i < 20 && h.fake.messages.length === 0; i++) {
      clock.at += FLUSH_EVERY_MS;
      await h.bot.deps.messenger.flush();
      await h.settle();
    }
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]).toMatchObject({
      msg_type: "file",
      content: { file_key: h.fake.uploads[0]!.fileKey },
    });
    const [row] = await h.bot.deps.db.select().from(outbox).where(eq(outbox.id, posted.outboxId));
    expect(row?.status).toBe("sent");
  });

  it("does not upload again when only the send failed", async () => {
    const { h, clock } = await clocked();
    const end = h.fake.outage({ status: 503, match: /^\/open-apis\/im\/v1\/messages/ });
    const posted = await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "file", fileName: "台账.xlsx", bytes: WORKBOOK },
    );
    expect(posted.status).toBe("pending");
    expect(h.fake.uploads).toHaveLength(1);
    end();
    clock.at += 60_000;
    await h.bot.deps.messenger.flush();
    await h.settle();
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.messages).toHaveLength(1);
    expect(h.fake.messages[0]?.content).toEqual({ file_key: h.fake.uploads[0]!.fileKey });
  });

  it("is never tried when Feishu would refuse it (empty): a short text goes in its place", async () => {
    const { h } = await clocked();
    await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "file", fileName: "空.xlsx", bytes: Buffer.alloc(0) },
    );
    expect(h.fake.uploads).toEqual([]);
    expect(h.fake.messages.map((m) => m.content)).toEqual([
      { text: "文件「空.xlsx」是空的，没能发出。请缩小范围后再试。" },
    ]);
    const rows = await h.bot.deps.db.select().from(outbox);
    expect(rows.map((r) => [r.msgType, r.status])).toEqual([
      ["file", "failed"],
      ["text", "sent"],
    ]);
  });
});

describe("in local mode", () => {
  it("writes the file under the exports folder beside the database and puts its path in the row", async () => {
    h = await startHarness({ local: true });
    const posted = await h.bot.deps.messenger.post(
      { kind: "chat", chatId: GROUP_CHAT },
      { msgType: "file", fileName: "附件3-台账.xlsx", bytes: WORKBOOK },
    );
    expect(posted.status).toBe("local");
    const [row] = await h.bot.deps.db.select().from(outbox);
    const content = JSON.parse(row!.content) as { file_name: string; path: string };
    expect(content.file_name).toBe("附件3-台账.xlsx");
    expect(content.path.startsWith(join(h.dir, "exports"))).toBe(true);
    expect(content.path.endsWith("-附件3-台账.xlsx")).toBe(true);
    expect(existsSync(content.path)).toBe(true);
    expect(readFileSync(content.path).equals(WORKBOOK)).toBe(true);
    expect(h.fake.uploads).toEqual([]);
  });

  it("puts the default database's exports in data/exports", () => {
    expect(exportsFolder("file:data/andu.db")).toBe(join("data", "exports"));
    expect(exportsFolder("libsql://andu.turso.io")).toBe(join("data", "exports"));
  });
});
