// The last admin is kept even when two admins act at the same moment: the check that an admin remains is
// made inside the write's own transaction, so of two concurrent changes that would each leave one admin,
// the second sees the first and is refused. Through the real door, and with two database clients at once.
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { members } from "../db/schema";
import { effectiveAdmins } from "../src/domain/admins";
import { openDatabase } from "../src/node/database";
import { bindMember, getMember, unbindMember } from "../src/store/members";
import { encryptedDelivery, messagePayload } from "./support/events";
import { ADMIN, type Harness, startHarness } from "./support/harness";

const SECOND = "ou_second_admin00000000000000002";

let h: Harness;

afterEach(async () => {
  await h.close();
});

/** A message mentioning `whom` without a name (as some clients send), so the bot looks the name up. */
function namelessMention(text: string, sender: string, whom: string) {
  const name = text.slice(text.indexOf("@") + 1, text.indexOf(" ", text.indexOf("@")));
  const payload = messagePayload(text, { sender, mentions: [{ openId: whom, name }] });
  for (const m of payload.event.message.mentions as { name: string }[]) m.name = "";
  return encryptedDelivery(payload);
}

async function admins(): Promise<Set<string>> {
  return effectiveAdmins(await h.bot.deps.db.select().from(members), h.bot.deps.config.adminOpenIds);
}

it("two ADMIN_OPEN_IDS admins binding each other as 干部 at once leave one admin, not none", async () => {
  h = await startHarness({ env: { ADMIN_OPEN_IDS: `${ADMIN},${SECOND}` } });
  // The name lookup sits between the check and the write: hold both, so both checks come first.
  h.fake.holdNext(300, /contact/);
  h.fake.holdNext(300, /contact/);
  await Promise.all([
    h.deliver(namelessMention("/绑定 @二号 角色=干部 单位=应急办", ADMIN, SECOND)),
    h.deliver(namelessMention("/绑定 @一号 角色=干部 单位=应急办", SECOND, ADMIN)),
  ]);
  await h.settle();
  expect((await admins()).size).toBe(1);
  expect(await h.bot.deps.db.select().from(members)).toHaveLength(1);
  const texts = h.fake.messages.map((m) => JSON.stringify(m.content));
  expect(texts.filter((t) => t.includes("这样就没有管理员了"))).toHaveLength(1);
});

it("two bound admins unbinding each other at once leave one admin", async () => {
  h = await startHarness({ env: { ADMIN_OPEN_IDS: "" } });
  const db = h.bot.deps.db;
  await db.insert(members).values([
    { openId: ADMIN, name: "一号", role: "管理员", boundBy: "test" },
    { openId: SECOND, name: "二号", role: "管理员", boundBy: "test" },
  ]);
  await Promise.all([
    h.say("/解绑 @二号", { sender: ADMIN, mentions: [{ openId: SECOND, name: "二号" }] }),
    h.say("/解绑 @一号", { sender: SECOND, mentions: [{ openId: ADMIN, name: "一号" }] }),
  ]);
  await h.settle();
  expect((await admins()).size).toBe(1);
});

it("two database clients on one file, each removing the other admin at once: one is refused", async () => {
  h = await startHarness({ env: { ADMIN_OPEN_IDS: "" } });
  const db = h.bot.deps.db;
  await db.insert(members).values([
    { openId: ADMIN, name: "一号", role: "管理员", boundBy: "test" },
    { openId: SECOND, name: "二号", role: "管理员", boundBy: "test" },
  ]);
  const other = await openDatabase(`file:${join(h.dir, "andu.db")}`);
  try {
    const first = (await getMember(db, ADMIN))!;
    const second = (await getMember(db, SECOND))!;
    const [a, b] = await Promise.all([
      unbindMember(db, second, ADMIN, [], []),
      unbindMember(other.db, first, SECOND, [], []),
    ]);
    expect([a, b].sort()).toEqual(["done", "no_admin_left"]);
    expect((await admins()).size).toBe(1);
    const c = await bindMember(
      other.db,
      { openId: "ou_third", name: "三号", role: "干部", boundBy: "x" },
      ADMIN,
      [],
      [],
    );
    expect(c).toBe("done");
  } finally {
    other.close();
  }
});
