// A kill right after the acknowledgement loses nothing and doubles nothing: the service runs as `npm start`
// runs it, in its own process, is killed with SIGKILL 0, 5, 20 and 200 ms after answering Feishu (and once
// while its answer is on the wire, and once in the middle of a move), is started again, and the command is handled once and answered once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { renderCardText } from "../cards/text";
import type { Card } from "../cards/types";
import { encryptedDelivery, messagePayload } from "./support/events";
import { startFakeOpenApi } from "./support/fake-open-api";
import { freePort, startService } from "./support/service-process";

const ADMIN = "ou_admin00000000000000000000000001";
/** Five different hazards (the same one twice would be held as a likely duplicate). */
const PLACES = ["一楼", "二楼", "三楼", "四楼", "五楼"];
const command = (i: number) =>
  `/隐患 新增 单位=应急办 企业=红星五金厂 领域=消防 描述=${PLACES[i]}楼道堆放杂物 措施=清理楼道 期限=2099-08-01`;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function counts(url: string) {
  const db = createClient({ url });
  try {
    const one = async (sql: string) => Number((await db.execute(sql)).rows[0]?.[0] ?? 0);
    return {
      hazards: await one("SELECT count(*) FROM hazards"),
      created: await one("SELECT count(*) FROM audit_log WHERE action = 'hazard.create'"),
      replies: await one("SELECT count(*) FROM outbox WHERE kind = 'reply'"),
      unfinished: await one("SELECT count(*) FROM deliveries WHERE payload IS NOT NULL"),
      steps: await one("SELECT count(*) FROM delivery_steps"),
      rectified: await one("SELECT count(*) FROM hazard_events WHERE kind = 'rectified'"),
    };
  } finally {
    db.close();
  }
}

async function firstNumber(url: string): Promise<string> {
  const db = createClient({ url });
  try {
    return String((await db.execute("SELECT number FROM hazards ORDER BY id LIMIT 1")).rows[0]?.[0]);
  } finally {
    db.close();
  }
}

describe("a kill right after the acknowledgement", () => {
  it("at 0, 5, 20 and 200 ms, and while the answer is on its way: each command handled once, answered once", async () => {
    const fake = await startFakeOpenApi();
    const dir = mkdtempSync(join(tmpdir(), "andu-kill-"));
    dirs.push(dir);
    const databaseUrl = `file:${join(dir, "andu.db")}`;
    const service = {
      databaseUrl,
      openApiUrl: fake.url,
      port: await freePort(),
      env: { ADMIN_OPEN_IDS: ADMIN },
    };
    try {
      // One life per kill: each start also resumes what the previous life left, and may itself be killed doing so.
      const kills: { messageId: string; killAfterMs: number; held: boolean }[] = [
        { messageId: "om_kill0", killAfterMs: 0, held: false },
        { messageId: "om_kill5", killAfterMs: 5, held: false },
        { messageId: "om_kill20", killAfterMs: 20, held: false },
        { messageId: "om_kill200", killAfterMs: 200, held: false },
        // Feishu takes the answer but its reply does not come back before the kill: a run cut after its writes.
        { messageId: "om_killheld", killAfterMs: 0, held: true },
      ];
      const atKill = [];
      for (const [i, kill] of kills.entries()) {
        const life = await startService(service);
        if (kill.held) fake.holdNext(30_000, new RegExp(`${kill.messageId}/reply$`));
        const response = await life.deliver(
          encryptedDelivery(messagePayload(command(i), { sender: ADMIN, messageId: kill.messageId })),
        );
        expect(response.status).toBe(200);
        await response.text();
        if (kill.held) {
          const deadline = Date.now() + 30_000;
          while (!fake.messages.some((m) => m.reply_to === kill.messageId) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 20));
        } else await new Promise((r) => setTimeout(r, kill.killAfterMs));
        await life.kill();
        atKill.push(await counts(databaseUrl));
      }
      // The held run was killed after its hazard was written and its answer sent: what resumes is a partial run.
      expect(atKill[4]!.unfinished).toBeGreaterThan(0);

      // A move cut after its write: resumed, it must not read its own write as "already done" and refuse.
      const number = await firstNumber(databaseUrl);
      const moving = await startService(service);
      fake.holdNext(30_000, /om_killmove\/reply$/);
      const move = `/隐患 整改完成 ${number} 已清理`;
      await (
        await moving.deliver(
          encryptedDelivery(messagePayload(move, { sender: ADMIN, messageId: "om_killmove" })),
        )
      ).text();
      const moveDeadline = Date.now() + 30_000;
      while (!fake.messages.some((m) => m.reply_to === "om_killmove") && Date.now() < moveDeadline)
        await new Promise((r) => setTimeout(r, 20));
      await moving.kill();

      const last = await startService(service);
      const deadline = Date.now() + 60_000;
      let after = await counts(databaseUrl);
      while ((after.unfinished > 0 || after.replies < kills.length + 1) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        after = await counts(databaseUrl);
      }
      // Every command's answer must reach Feishu: a count of messages could be met before the last answer's
      // retry (a loaded machine delays it), so wait for each one by the message it answers.
      const answered = () =>
        [...kills.map((k) => k.messageId), "om_killmove"].every((id) =>
          fake.messages.some((m) => m.kind === "reply" && m.reply_to === id),
        );
      const answersDeadline = Date.now() + 90_000;
      while (!answered() && Date.now() < answersDeadline) await new Promise((r) => setTimeout(r, 100));
      await last.stop();
      after = await counts(databaseUrl);
      expect(after).toMatchObject({
        hazards: 5,
        created: 5,
        replies: 6,
        unfinished: 0,
        steps: 0,
        rectified: 1,
      });
      const moved = fake.messages.filter((m) => m.reply_to === "om_killmove");
      expect(moved).toHaveLength(1);
      expect(renderCardText(moved[0]!.content as Card)).toContain("状态：待验收");
      for (const { messageId } of kills) {
        const answers = fake.messages.filter((m) => m.kind === "reply" && m.reply_to === messageId);
        expect(answers).toHaveLength(1);
        const card = answers[0]!.content as { header?: { title?: { content?: string } } };
        expect(card.header?.title?.content).toContain("YH-");
        // A resent answer carries the uuid of the first: Feishu shows it once.
        const uuids = fake.requests
          .filter((r) => r.path === `/open-apis/im/v1/messages/${messageId}/reply`)
          .map((r) => (r.body as { uuid?: string }).uuid);
        expect(new Set(uuids).size).toBe(1);
      }
      const numbers = kills.map(({ messageId }) =>
        renderCardText(fake.messages.find((m) => m.reply_to === messageId)!.content as Card),
      );
      expect(new Set(numbers).size).toBe(5);
    } finally {
      await fake.close();
    }
  }, 240_000);
});
