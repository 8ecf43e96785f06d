// Test helpers for issue 3's tests: what the bot answered to one message, as readable text, and direct
// role set-up through the store functions (the tests of binding itself go through /绑定).

import { renderCardText } from "../../cards/text";
import type { Card } from "../../cards/types";
import type { Role } from "../../src/domain/permissions";
import { createEnterprise, type EnterpriseRow } from "../../src/store/enterprises";
import { bindMember } from "../../src/store/members";
import { listUnits } from "../../src/store/units";
import type { MessageOptions } from "./events";
import type { DeliveredMessage } from "./fake-open-api";
import type { Harness } from "./harness";

/** The messages Feishu accepted while the bot handled this one message (its reply first). */
export async function exchange(
  h: Harness,
  text: string,
  o: MessageOptions = {},
): Promise<DeliveredMessage[]> {
  const before = h.fake.messages.length;
  await h.ask(text, o);
  return h.fake.messages.slice(before);
}

export function cardOf(m: DeliveredMessage | undefined): Card {
  if (m?.msg_type !== "interactive") throw new Error(`expected a card, got ${JSON.stringify(m)}`);
  return m.content as Card;
}

export function titleOf(m: DeliveredMessage | undefined): string {
  return m?.msg_type === "interactive" ? ((m.content as Card).header?.title.content ?? "") : "";
}

/** A message as a person reads it: a card's header, text, tables and buttons; a text message's text. */
export function textOf(m: DeliveredMessage | undefined): string {
  if (!m) return "";
  if (m.msg_type === "interactive") return renderCardText(m.content as Card);
  if (m.msg_type === "text") return (m.content as { text: string }).text;
  return JSON.stringify(m.content);
}

/** The one reply to a message: its title (cards) and text. */
export async function replyOf(h: Harness, text: string, o: MessageOptions = {}) {
  const messages = await exchange(h, text, o);
  const reply = messages.find((m) => m.kind === "reply");
  return { title: titleOf(reply), text: textOf(reply), message: reply, all: messages };
}

export async function unitId(h: Harness, name: string): Promise<number> {
  const unit = (await listUnits(h.bot.deps.db)).find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

export async function addEnterprise(
  h: Harness,
  name: string,
  unitName = "高兴镇人民政府",
): Promise<EnterpriseRow> {
  return createEnterprise(
    h.bot.deps.db,
    {
      name,
      unitId: await unitId(h, unitName),
      sectorId: 10,
      headName: "负责人甲",
      headPhone: "13800000009",
      liaisonLeader: null,
      liaisonLeaderPhone: null,
      cadreName: null,
      cadrePhone: null,
      highRisk: false,
    },
    "test",
  );
}

export async function bindAs(
  h: Harness,
  openId: string,
  role: Role,
  place: { unit?: string; enterpriseId?: number } = {},
): Promise<void> {
  const bound = await bindMember(
    h.bot.deps.db,
    {
      openId,
      name: `成员${openId.slice(-4)}`,
      role,
      unitId: place.unit ? await unitId(h, place.unit) : null,
      enterpriseId: place.enterpriseId ?? null,
      boundBy: "test",
    },
    "test",
    [],
    h.bot.deps.config.adminOpenIds,
  );
  if (bound !== "done") throw new Error(`${openId} was not bound: ${bound}`);
}
