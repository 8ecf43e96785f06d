// The seeded corpus (tests/support/corpus.ts) through the real doors: every generated message and request is
// delivered signed and encrypted (or as malformed as the case says) into the app. Checked: no 5xx, no crash
// (no failure in the log), nothing written by hostile input, a useful reply to everything a person typed.
// Times are not asserted here: `npm run bench` measures them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { renderCardText } from "../cards/text";
import type { Card } from "../cards/types";
import {
  buildCorpus,
  type Case,
  type MessageCase,
  messageDelivery,
  type RequestCase,
} from "./support/corpus";
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from "./support/events";
import { type Harness, startHarness } from "./support/harness";

const SEED = 20230701;
const BATCH = 16;
/** Tables whose rows are not the bot's state: deliveries, the outbox of replies (and its files), migrations. */
const NOT_STATE = new Set([
  "deliveries",
  "outbox",
  "outbox_files",
  "__drizzle_migrations",
  "reference_seeds",
]);

let h: Harness;
let cases: Case[];

beforeAll(async () => {
  h = await startHarness();
  cases = buildCorpus(SEED, () => h.bot.deps.now());
});

afterAll(async () => {
  await h.close();
});

/** Row counts of every table that holds the bot's state: equal before and after means nothing was written. */
async function fingerprint(): Promise<Record<string, number>> {
  const client = h.bot.database.client;
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const out: Record<string, number> = {};
  for (const row of tables.rows) {
    const name = String(row.name);
    if (NOT_STATE.has(name)) continue;
    const counted = await client.execute(`SELECT count(*) AS n FROM "${name}"`);
    out[name] = Number(counted.rows[0]?.n);
  }
  const audit = await client.execute("SELECT coalesce(max(id), 0) AS last FROM audit_log");
  out["audit_log.last"] = Number(audit.rows[0]?.last);
  return out;
}

async function sendMessage(c: MessageCase, i: number): Promise<string> {
  const response = await h.deliver(messageDelivery(c, i, h.bot.deps.now()));
  expect(response.status, c.name).toBe(200);
  return `om_corpus_${i}`;
}

function checkReply(c: MessageCase, messageId: string) {
  const all = h.fake.messages.filter((m) => m.kind === "reply" && m.reply_to === messageId);
  // A workbook (/台账 导出, /调度表) comes as a file beside the answer, or as the answer itself.
  const files = all.filter((m) => m.msg_type === "file");
  for (const file of files)
    expect((file.content as { file_key?: string }).file_key ?? "", `${c.name}: a file sent`).not.toBe("");
  const replies = all.filter((m) => m.msg_type !== "file");
  if (replies.length === 0 && files.length === 1) return;
  expect(replies.length, `${c.name}: one reply`).toBe(1);
  const reply = replies[0]!;
  if (reply.msg_type === "interactive") {
    const card = reply.content as Card;
    expect(card.header?.title.content, `${c.name}: not the generic failure`).not.toBe("出错了");
    expect(renderCardText(card).length, c.name).toBeGreaterThan(10);
  } else {
    expect((reply.content as { text?: string }).text ?? "", c.name).not.toBe("");
  }
}

async function sendRequest(c: RequestCase) {
  const first = await h.deliver(c.build(), c.path);
  expect(c.statuses, `${c.name}: status ${first.status}`).toContain(first.status);
  if (c.twice) {
    const delivery = c.build();
    await h.deliver(delivery, c.path);
    const again = await h.deliver(delivery, c.path);
    expect(again.status, c.name).toBe(200);
    expect(await again.json(), `${c.name}: a replay does nothing`).toEqual({});
  }
}

it("at least 500 cases, the same for the same seed", () => {
  expect(cases.length).toBeGreaterThanOrEqual(500);
  const again = buildCorpus(SEED, () => 0);
  expect(again.map((c) => (c.kind === "message" ? c.text : c.name))).toEqual(
    cases.map((c) => (c.kind === "message" ? c.text : c.name)),
  );
});

it("covers every subcommand in the registry", async () => {
  const { commands } = await import("../commands");
  const names = new Set(cases.map((c) => c.name.split(":")[0]));
  for (const command of commands)
    for (const sub of command.subcommands)
      expect(names, `/${command.name} ${sub.name}`).toContain(
        `${command.name}${sub.name ? ` ${sub.name}` : ""}`,
      );
});

it("hostile messages write nothing, and every one typed gets a useful reply", {
  timeout: 300_000,
}, async () => {
  const messages = cases.flatMap((c, i) => (c.kind === "message" ? [{ c, i }] : []));
  for (const mayWrite of [false, true]) {
    const group = messages.filter((m) => m.c.mayWrite === mayWrite);
    for (let at = 0; at < group.length; at += BATCH) {
      const batch = group.slice(at, at + BATCH);
      const before = mayWrite ? null : await fingerprint();
      const ids = await Promise.all(batch.map(({ c, i }) => sendMessage(c, i)));
      await h.settle();
      if (before) expect(await fingerprint(), batch.map((b) => b.c.name).join(" | ")).toEqual(before);
      for (const [k, { c }] of batch.entries()) checkReply(c, ids[k]!);
    }
  }
});

it("malformed, oversized, replayed, stale and forged requests: no 5xx, nothing written", {
  timeout: 300_000,
}, async () => {
  const before = await fingerprint();
  for (const c of cases) if (c.kind === "request") await sendRequest(c);
  await h.settle();
  expect(await fingerprint()).toEqual(before);
});

it("the log of the whole run holds no secret and no message body", () => {
  const tokens = new Set(
    h.fake.requests.flatMap((r) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? "")?.[1] ?? []),
  );
  expect(tokens.size).toBeGreaterThan(0);
  const secrets = ["test-secret", ENCRYPT_KEY, VERIFICATION_TOKEN, ...tokens];
  const log = h.logs.join("\n");
  for (const secret of secrets) expect(log.includes(secret), "a secret in the log").toBe(false);
  // What people typed never reaches the log: no line carries a run of the corpus's long values.
  expect(log).not.toContain("满满满满");
  expect(log).not.toContain("长长长长");
  expect(Math.max(...h.logs.map((l) => l.length))).toBeLessThan(1000);
});

it("nothing crashed: no failure in the log of the whole run", () => {
  const failures = h.logs.filter((l) =>
    / error (command failed|card action failed|background work failed|request failed)/.test(l),
  );
  expect(failures).toEqual([]);
});
