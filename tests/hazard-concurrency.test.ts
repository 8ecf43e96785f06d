// Hazard numbers under load: 20 creations delivered at once get 20 distinct numbers, with no gap and no repeat,
// and every one of them has its history and audit row.
import { afterEach, expect, it } from "vitest";
import type { Card } from "../cards/types";
import { encryptedDelivery, messagePayload } from "./support/events";
import { ADMIN, type Harness } from "./support/harness";
import { ledger, NOW, newHazardLine, startLedger } from "./support/ledger";

let h: Harness;

afterEach(async () => {
  expect(h.fake.refused).toEqual([]);
  await h.close();
});

it("20 concurrent creations give 20 distinct numbers", async () => {
  h = await startLedger();
  // Separate chats, so Feishu's per-group rate limit does not serialise the replies.
  const deliveries = Array.from({ length: 20 }, (_, i) =>
    encryptedDelivery(
      messagePayload(newHazardLine({ description: `并发隐患 ${i}` }), {
        sender: ADMIN,
        chatId: `oc_concurrent_${i}`,
        createTime: NOW,
      }),
    ),
  );
  const responses = await Promise.all(deliveries.map((d) => h.deliver(d)));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  await h.settle();

  const { hazards, events, audit, counters } = await ledger(h);
  const expected = Array.from({ length: 20 }, (_, i) => `YH-2023-${String(i + 1).padStart(4, "0")}`);
  expect(hazards.map((r) => r.number).sort()).toEqual(expected);
  expect(new Set(hazards.map((r) => r.description)).size).toBe(20);
  expect(counters).toEqual([{ year: 2023, last: 20 }]);
  expect(events.filter((e) => e.kind === "created")).toHaveLength(20);
  expect(
    audit
      .filter((a) => a.action === "hazard.create")
      .map((a) => a.subjectId)
      .sort(),
  ).toEqual(expected);
  const titles = h.fake.messages.map((m) => (m.content as Card).header?.title.content).sort();
  expect(titles).toEqual(expected.map((n) => `隐患 ${n}`));
}, 30_000); // 20 bots' worth of work at once: the shared test machine can take longer than 5 s

it("numbers follow the message's year in APP_TIMEZONE and restart each year", async () => {
  h = await startLedger();
  // 2023-12-31 16:30 UTC is already 2024-01-01 in Asia/Shanghai.
  await h.ask(newHazardLine({ description: "年末一" }), { createTime: Date.parse("2023-12-31T15:30:00Z") });
  await h.ask(newHazardLine({ description: "年初一" }), { createTime: Date.parse("2023-12-31T16:30:00Z") });
  await h.ask(newHazardLine({ description: "三月一" }), { createTime: Date.parse("2024-03-01T02:00:00Z") });
  const { hazards, counters } = await ledger(h);
  expect(hazards.map((r) => r.number)).toEqual(["YH-2023-0001", "YH-2024-0001", "YH-2024-0002"]);
  expect(counters).toEqual([
    { year: 2023, last: 1 },
    { year: 2024, last: 2 },
  ]);
});
