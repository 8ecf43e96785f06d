// Test helpers for the hazard ledger's tests: a bot whose clock reads a fixed day in 2023, members and
// enterprises inserted straight into their tables (binding has its own tests), the ledger's rows for
// "nothing changed" checks, and the bot's answers as readable text.
import { asc, eq } from "drizzle-orm";
import { type RenderedButton, renderCardText } from "../../cards/text";
import type { Card } from "../../cards/types";
import {
  auditLog,
  cardSubmissions,
  enterprises,
  hazardCounters,
  hazardEvents,
  hazardSupervisions,
  hazards,
  members,
  sectorMembers,
  units,
} from "../../db/schema";
import type { Role } from "../../src/domain/permissions";
import type { MessageOptions } from "./events";
import type { DeliveredMessage } from "./fake-open-api";
import { type Harness, type HarnessOptions, startHarness } from "./harness";

/** 2023-07-01 10:00 in Asia/Shanghai: the day the tests' bot thinks it is. */
export const NOW = Date.parse("2023-07-01T10:00:00+08:00");

export async function startLedger(o: HarnessOptions = {}): Promise<Harness> {
  return startHarness({ now: () => NOW, ...o });
}

/** A message sent "now" (its create_time decides the hazard number's year); waits for the work behind it. */
export async function ask(h: Harness, text: string, o: MessageOptions = {}): Promise<DeliveredMessage[]> {
  const before = h.fake.messages.length;
  await h.ask(text, { createTime: NOW, ...o });
  return h.fake.messages.slice(before);
}

/** The reply to a message, as the card it is. */
export async function askCard(h: Harness, text: string, o: MessageOptions = {}): Promise<Card> {
  const messages = await ask(h, text, o);
  const reply = messages.find((m) => m.kind === "reply");
  if (reply?.msg_type !== "interactive") throw new Error(`no card reply: ${JSON.stringify(messages)}`);
  return reply.content as Card;
}

export function cardText(card: Card): string {
  return renderCardText(card);
}

export function titleOf(card: Card): string {
  return card.header?.title.content ?? "";
}

/** The buttons a card shows, in order, with what they send back. */
export function buttonsOf(card: Card): RenderedButton[] {
  const buttons: RenderedButton[] = [];
  renderCardText(card, buttons);
  return buttons;
}

export function buttonLabels(card: Card): string[] {
  return buttonsOf(card).map((b) => b.label);
}

export async function unitIdOf(h: Harness, name: string): Promise<number> {
  const row = await h.bot.deps.db.select().from(units).where(eq(units.name, name)).get();
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

export async function bind(
  h: Harness,
  openId: string,
  role: Role,
  o: { name?: string; unit?: string; enterpriseId?: number } = {},
): Promise<void> {
  await h.bot.deps.db.insert(members).values({
    openId,
    name: o.name ?? openId.slice(3, 9),
    role,
    unitId: o.unit ? await unitIdOf(h, o.unit) : null,
    enterpriseId: o.enterpriseId ?? null,
    boundBy: "test",
  });
}

export async function addEnterprise(
  h: Harness,
  name: string,
  unit: string,
  sectorId: number,
  head = "王某",
): Promise<number> {
  const [row] = await h.bot.deps.db
    .insert(enterprises)
    .values({ name, unitId: await unitIdOf(h, unit), sectorId, headName: head, headPhone: "13800000001" })
    .returning();
  return row!.id;
}

export async function bindSectorCadre(h: Harness, sectorId: number, openId: string): Promise<void> {
  await h.bot.deps.db.insert(sectorMembers).values({ sectorId, openId, duty: "责任干部" });
}

/** Everything the ledger holds, for checking that a refusal changed nothing. */
export async function ledger(h: Harness) {
  const db = h.bot.deps.db;
  return {
    hazards: await db.select().from(hazards).orderBy(asc(hazards.id)),
    events: await db.select().from(hazardEvents).orderBy(asc(hazardEvents.id)),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
    counters: await db.select().from(hazardCounters),
    submissions: await db.select().from(cardSubmissions),
    postings: await db.select().from(hazardSupervisions).orderBy(asc(hazardSupervisions.id)),
  };
}

/** A line that must be refused: the answer card's title and text, after checking the ledger did not change. */
export async function refusal(h: Harness, text: string, sender: string) {
  const before = await ledger(h);
  const card = await askCard(h, text, { sender });
  if (JSON.stringify(await ledger(h)) !== JSON.stringify(before))
    throw new Error(`${text} changed the ledger`);
  return { title: titleOf(card), text: cardText(card) };
}

export async function hazardRow(h: Harness, number: string) {
  const row = await h.bot.deps.db.select().from(hazards).where(eq(hazards.number, number)).get();
  if (!row) throw new Error(`no hazard ${number}`);
  return row;
}

/** A hazard card's button value as the current card carries it: the action, the number and the revision. */
export async function hazardButton(h: Harness, action: string, number = "YH-2023-0001") {
  return { action, number, revision: (await hazardRow(h, number)).revision };
}

export async function eventsOf(h: Harness, number: string) {
  const { id } = await hazardRow(h, number);
  return h.bot.deps.db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, id))
    .orderBy(asc(hazardEvents.id));
}

/** A hazard's 督办 postings, in the order they were made. */
export async function postingsOf(h: Harness, number: string) {
  const { id } = await hazardRow(h, number);
  return h.bot.deps.db
    .select()
    .from(hazardSupervisions)
    .where(eq(hazardSupervisions.hazardId, id))
    .orderBy(asc(hazardSupervisions.id));
}

export async function auditOf(h: Harness, number: string) {
  return h.bot.deps.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, number))
    .orderBy(asc(auditLog.id));
}

/** A complete one-line 新增 for a unit and sector, with an optional description. */
export function newHazardLine(
  o: { unit?: string; sector?: string; enterprise?: string; description?: string } = {},
) {
  return `/隐患 新增 单位=${o.unit ?? "应急办"} 企业=${o.enterprise ?? "东风加油站"} 领域=${o.sector ?? "危险化学品"} 描述=「${o.description ?? "储罐区未设防雷设施"}」 措施=「加装防雷接地并检测」 期限=7月31日`;
}
