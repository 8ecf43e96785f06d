// The reminders run for one day: everything due up to the next workday and every escalation that is due,
// gathered into one card per person (and one for the dispatch group), each card written with its items in
// one batch, so a (recipient, subject, occasion) goes out once whatever restarts and second instances do.
import { randomUUID } from "node:crypto";
import { isGroupRecipient, reminderCardView } from "../../commands/reminder/card-view";
import type { Deps } from "../bot/deps";
import { effectiveSetting } from "../bot/settings";
import { periodOf } from "../domain/periods";
import {
  baseOccasion,
  type EscalationStage,
  escalatedOccasion,
  escalationDue,
} from "../domain/reminder-escalation";
import {
  hazardOccasions,
  occasionStillLive,
  occasionText,
  type ReminderKind,
  runWindow,
} from "../domain/reminder-occasions";
import { firstEscalation, recipientsOf } from "../domain/reminder-routing";
import type { WorkCalendar } from "../domain/workdays";
import type { Posted } from "../feishu/outgoing";
import { isUniqueViolation } from "../store/constraint";
import {
  openHazards,
  type PeopleDirectory,
  peopleDirectory,
  type ReminderHazard,
} from "../store/reminder-sources";
import { cardStatements, hasCardOn, itemsAbout, type ReminderItemRow } from "../store/reminders";
import { tellAdminsOnce } from "./admin-notice";

interface Candidate {
  recipient: string;
  hazard: ReminderHazard;
  occasion: string;
  kind: ReminderKind;
  stage: number;
  dueOn: string;
}

export interface ReminderRunSummary {
  /** cards sent (people, and the dispatch group's) */
  cards: number;
  items: number;
  escalations: number;
  /** items left for a later day: the person already had today's card */
  waiting: number;
  urgent: number;
}

const SUBJECT = "hazard";

function key(recipient: string, subjectId: number, occasion: string): string {
  return `${recipient}\u0000${subjectId}\u0000${occasion}`;
}

/** What is due today for the people around each hazard, before anything already sent is taken out. */
function dueCandidates(
  hazards: ReminderHazard[],
  directory: PeopleDirectory,
  calendar: WorkCalendar,
  today: string,
): Candidate[] {
  const window = runWindow(calendar, today);
  const out: Candidate[] = [];
  for (const hazard of hazards) {
    const occasions = hazardOccasions(hazard, window, calendar);
    if (occasions.length === 0) continue;
    const people = directory.peopleOf(hazard);
    for (const o of occasions)
      for (const recipient of recipientsOf(o.audience, people))
        out.push({
          recipient,
          hazard,
          occasion: o.occasion,
          kind: o.kind as ReminderKind,
          stage: 0,
          dueOn: o.dueOn,
        });
  }
  return out;
}

/**
 * Escalations due today: unacknowledged occasions past the grace workdays, still standing. Without a dispatch
 * group, stage 2 waits (counted in `held`) and goes out on the first run after a group is set.
 */
function escalationCandidates(
  sent: ReminderItemRow[],
  hazards: Map<number, ReminderHazard>,
  directory: PeopleDirectory,
  groupChat: string | null,
  calendar: WorkCalendar,
  today: string,
  grace: number,
): { candidates: Candidate[]; held: number } {
  const byOccasion = new Map<string, ReminderItemRow[]>();
  for (const item of sent) {
    const k = `${item.subjectId}\u0000${baseOccasion(item.occasion)}`;
    const list = byOccasion.get(k);
    if (list) list.push(item);
    else byOccasion.set(k, [item]);
  }
  const out: Candidate[] = [];
  let held = 0;
  for (const items of byOccasion.values()) {
    const first = items[0]!;
    const hazard = hazards.get(first.subjectId);
    const base = baseOccasion(first.occasion);
    if (!hazard || !occasionStillLive(hazard, base, today)) continue;
    const firstSent = items.filter((i) => i.stage === 0).map((i) => i.sentOn);
    if (firstSent.length === 0) continue;
    const stage1 = items.filter((i) => i.stage === 1).map((i) => i.sentOn);
    let stage: EscalationStage | null = escalationDue(
      {
        firstSentOn: firstSent.sort()[0]!,
        stage1SentOn: stage1.length > 0 ? stage1.sort()[0]! : null,
        stage2Sent: items.some((i) => i.stage === 2),
        acked: items.some((i) => i.ackedAt !== null),
      },
      today,
      grace,
      calendar,
    );
    if (stage === null) continue;
    const base0 = { hazard, kind: first.kind as ReminderKind, dueOn: first.dueOn };
    if (stage === 1) {
      const linked = firstEscalation(
        directory.peopleOf(hazard),
        items.map((i) => i.recipient),
      );
      if (linked.length > 0) {
        for (const recipient of linked)
          out.push({ ...base0, recipient, occasion: escalatedOccasion(base, 1), stage: 1 });
        continue;
      }
      stage = 2; // nobody linked to the enterprise: straight to the admins
    }
    if (groupChat !== null)
      out.push({ ...base0, recipient: `chat:${groupChat}`, occasion: escalatedOccasion(base, 2), stage: 2 });
    else held++;
  }
  return { candidates: out, held };
}

function itemRows(candidates: Candidate[], cardId: string, today: string, at: number): ReminderItemRow[] {
  return candidates.map((c) => ({
    id: randomUUID(),
    recipient: c.recipient,
    subjectKind: SUBJECT,
    subjectId: c.hazard.id,
    label: c.hazard.number,
    occasion: c.occasion,
    kind: c.kind,
    stage: c.stage,
    line: occasionText(c.kind, c.dueOn, today),
    dueOn: c.dueOn,
    sentOn: today,
    unitId: c.hazard.unitId,
    enterpriseName: c.hazard.enterpriseName,
    cardId,
    ackedAt: null,
    ackedBy: null,
    createdAt: at,
  }));
}

/** Escalated first, then by what is most pressing (the earliest date), then by number. */
function order(a: Candidate, b: Candidate): number {
  return (
    b.stage - a.stage || a.dueOn.localeCompare(b.dueOn) || a.hazard.number.localeCompare(b.hazard.number)
  );
}

/** Sends one card with its items; null when another run claimed it first (nothing is sent twice). */
async function sendCard(
  deps: Deps,
  recipient: string,
  candidates: Candidate[],
  today: string,
  admins: readonly string[],
): Promise<Posted | null> {
  const cardId = randomUUID();
  const items = itemRows([...candidates].sort(order), cardId, today, deps.now());
  const group = isGroupRecipient(recipient) ? recipient.slice("chat:".length) : null;
  const row = { id: cardId, recipient, day: today, chatId: group, itemIds: items.map((i) => i.id) };
  const card = await reminderCardView(deps, row, items, admins);
  try {
    const [posted] = await deps.messenger.postAll(
      [
        {
          target: group === null ? { kind: "user", openId: recipient } : { kind: "chat", chatId: group },
          message: { msgType: "interactive", card },
          ref: `reminder-card:${cardId}`,
        },
      ],
      cardStatements(deps.db, row, items),
    );
    return posted ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** With 超期加急=是, an escalated overdue 重大 hazard also gets the urgent push; a used-up quota leaves the message. */
async function urgentIfDue(
  deps: Deps,
  posted: Posted | null,
  candidates: Candidate[],
  recipients: string[],
): Promise<boolean> {
  const pressing = candidates.some((c) => c.stage > 0 && c.kind === "overdue" && c.hazard.level === "重大");
  if (!pressing || posted?.messageId == null || posted.status !== "sent") return false;
  const result = await deps.openApi.urgentApp(posted.messageId, recipients);
  if (result !== "sent")
    deps.logger.warn("urgent push not sent, the message stands", { outbox: posted.outboxId, result });
  return result === "sent";
}

/** The run for `today` (YYYY-MM-DD in APP_TIMEZONE). */
export async function runReminders(
  deps: Deps,
  calendar: WorkCalendar,
  today: string,
): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { cards: 0, items: 0, escalations: 0, waiting: 0, urgent: 0 };
  const hazards = await openHazards(deps.db, deps.config.timezone);
  const directory = await peopleDirectory(deps.db, deps.config.adminOpenIds);
  const byId = new Map(hazards.map((h) => [h.id, h]));
  const sent = await itemsAbout(
    deps.db,
    SUBJECT,
    hazards.map((h) => h.id),
  );
  const already = new Set(sent.map((i) => key(i.recipient, i.subjectId, i.occasion)));
  const grace = await effectiveSetting(deps, "提醒宽限工作日");
  const urgent = await effectiveSetting(deps, "超期加急");
  const groupChat = await effectiveSetting(deps, "调度群");

  const escalations = escalationCandidates(sent, byId, directory, groupChat, calendar, today, grace);
  if (escalations.held > 0)
    await tellAdminsOnce(
      deps,
      { topic: "no-dispatch-group", about: `reminders ${periodOf("week", today).key}` },
      `有 ${escalations.held} 项提醒超过宽限工作日仍无人确认，应升级到调度群，但还没有设置调度群，所以没有发出。请在镇安全生产调度群里 @安督 发送 /设置 本群为调度群，之后的第一次提醒会把它们发到群里。`,
    );
  const candidates = [
    ...dueCandidates(hazards, directory, calendar, today),
    ...escalations.candidates,
  ].filter((c) => !already.has(key(c.recipient, c.hazard.id, c.occasion)));

  const perRecipient = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = perRecipient.get(c.recipient);
    if (list) list.push(c);
    else perRecipient.set(c.recipient, [c]);
  }
  for (const [recipient, list] of perRecipient) {
    const place = isGroupRecipient(recipient) ? recipient.slice("chat:".length) : "private";
    if (await hasCardOn(deps.db, recipient, today, place)) {
      summary.waiting += list.length; // one card a day: these go out on the next run
      continue;
    }
    const posted = await sendCard(deps, recipient, list, today, directory.admins);
    if (posted === null) continue;
    summary.cards++;
    summary.items += list.length;
    summary.escalations += list.filter((c) => c.stage > 0).length;
    if (urgent) {
      const to = isGroupRecipient(recipient) ? directory.admins : [recipient];
      if (await urgentIfDue(deps, posted, list, to)) summary.urgent++;
    }
  }
  deps.logger.info("reminders run", { day: today, ...summary });
  return summary;
}
