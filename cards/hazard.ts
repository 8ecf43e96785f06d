// One hazard's card: its 附件3 fields, status, deadline with days left, the 督办 clock, its latest history
// with photos, and only the buttons the person it is shown to may use. Pure: data in, card JSON 2.0 out.
import { extensionText } from "../src/domain/hazard-edit";
import { TEXT_MAX } from "../src/domain/hazard-input";
import type { HazardMove, HazardStatus } from "../src/domain/hazard-lifecycle";
import { dueText, isOverdue, SUPERVISION_LEVELS } from "../src/domain/hazard-lifecycle";
import { dateIn, dateTimeIn } from "../src/domain/time";
import { CARD_MAX_BYTES } from "../src/feishu/card-rules/limits";
import { atMention, card, clip, escapeMd, fields, hr, md } from "./fragments";
import {
  type PostingView,
  postingLines,
  type SupervisionInput,
  supervisionSummary,
} from "./hazard-supervision";
import type { Card, CardElement, HeaderTemplate } from "./types";

/** The hazard as its card shows it: its 附件3 fields with the unit, sector and enterprise head named. */
export interface HazardCardHazard {
  number: string;
  /** moves on with every write: the buttons carry it, so a press on an older card writes nothing */
  revision: number;
  status: HazardStatus;
  unitName: string;
  /** null for a project or place that is not a registered enterprise */
  enterpriseId: number | null;
  enterpriseName: string;
  enterpriseHead: string | null;
  sectorName: string;
  level: string;
  source: string;
  description: string;
  measures: string;
  /** YYYY-MM-DD */
  deadline: string;
  /** 发现日期, YYYY-MM-DD */
  foundOn: string;
  /** how many times 期限 was moved later, and the first 期限 (null until it was) */
  deadlineExtensions: number;
  originalDeadline: string | null;
  /** the day substantive progress was met for 督办, YYYY-MM-DD */
  progressMetOn: string | null;
  reportedBy: string;
  checkedBy: string | null;
  closedAt: number | null;
  /** ms: when a withdrawn (已撤销) hazard's 督办 clock stopped */
  updatedAt: number;
}

/** One line of the hazard's history. */
export interface HazardCardEvent {
  kind: keyof typeof EVENT_LABELS;
  /** open_id */
  actor: string;
  /** ms */
  at: number;
  note: string | null;
  imageKey: string | null;
  /** a 销号 or 退回 by who reported the 整改完成 (允许自验=是) */
  selfCheck: boolean;
}

export interface HazardCardDetail {
  hazard: HazardCardHazard;
  /** the latest events, oldest first */
  events: HazardCardEvent[];
  eventCount: number;
  /** every 督办 posting, withdrawn ones too, oldest first */
  postings: PostingView[];
}

export interface HazardCardInput {
  detail: HazardCardDetail;
  /** YYYY-MM-DD in APP_TIMEZONE */
  today: string;
  timezone: string;
  /** bound members' names by open_id */
  names: Map<string, string>;
  /** the buttons to show: what the person the card is for may do now */
  moves: HazardMove[];
  /** whether the person may withdraw (撤销) it: a small form with the required 原因 */
  withdrawable?: boolean;
  /** whether the person may correct (修改) it: a button that opens the entry form, pre-filled, in its place */
  editable?: boolean;
  /** lines above the fields: what just happened, warnings, hints (plain text, escaped here) */
  notices?: string[];
  /** open_ids @mentioned on the card (the sector's 责任干部 when it is logged) */
  mentions?: string[];
  /** open_ids @mentioned as the sector's 责任领导 (a new 重大 hazard), on their own line above the 责任干部 */
  mentionLeaders?: string[];
  /** `/提醒 暂停`: its reminders held through this day, for this reason */
  reminderPause?: { until: string; reason: string | null } | null;
}

const EVENT_LABELS = {
  created: "登记",
  progress: "报进展",
  rectified: "报整改完成",
  closed: "验收销号",
  returned: "验收退回",
  supervised: "挂牌督办",
  photo: "附照片",
  progress_met: "确认取得实质性进展",
  supervision_withdrawn: "撤销督办",
  edited: "修改",
  withdrawn: "撤销",
  restored: "恢复",
} as const;

const MOVE_BUTTONS: Record<Exclude<HazardMove, "supervise">, { text: string; type: string }> = {
  progress: { text: "报进展", type: "primary" },
  rectified: { text: "整改完成", type: "primary_filled" },
  close: { text: "验收销号", type: "primary_filled" },
  return: { text: "退回整改", type: "danger" },
};

const ACTION_NAMES: Record<HazardMove, string> = {
  progress: "hazard.progress",
  rectified: "hazard.rectified",
  close: "hazard.close",
  return: "hazard.return",
  supervise: "hazard.supervise",
};

/** Photos shown at most on a card, newest first: each is a component, and the card has a budget. */
const MAX_PHOTOS = 4;

function template(status: string, overdue: boolean): HeaderTemplate {
  if (status === "已销号") return "green";
  if (status === "已撤销") return "grey";
  if (overdue) return "red";
  if (status === "待验收") return "wathet";
  return status === "整改中" ? "orange" : "yellow";
}

/** The checker, marked 自验 when their latest check was of their own 整改完成. */
function checkerText(events: HazardCardEvent[], name: string | null): string | null {
  if (name === null) return null;
  const check = [...events].reverse().find((e) => e.kind === "closed" || e.kind === "returned");
  return check?.selfCheck ? `${name}（自验）` : name;
}

function historyLines(input: HazardCardInput, noteMax: number, keep: number): string {
  const { detail, names, timezone } = input;
  const shown = detail.events.slice(-keep);
  const lines = shown.map((e) => {
    const who = escapeMd(names.get(e.actor) ?? e.actor);
    const note = e.note ? `：${escapeMd(clip(e.note, noteMax))}` : "";
    const self = e.selfCheck ? "（自验）" : "";
    return `${dateTimeIn(e.at, timezone)}　${who}　${EVENT_LABELS[e.kind]}${self}${note}`;
  });
  const more = detail.eventCount > shown.length ? `，显示最近 ${shown.length} 条` : "";
  return `**记录**（共 ${detail.eventCount} 条记录${more}）\n${lines.join("\n")}`;
}

function photos(events: HazardCardEvent[]): CardElement[] {
  return events
    .filter((e) => e.kind === "photo" && e.imageKey)
    .slice(-MAX_PHOTOS)
    .reverse()
    .map((e) => ({
      tag: "img",
      img_key: e.imageKey,
      alt: { tag: "plain_text", content: "整改照片" },
      scale_type: "fit_horizontal",
    }));
}

/** The day a hazard's 督办 clock stops: when it was closed, or withdrawn as a mistaken entry. */
function stoppedOn(h: HazardCardHazard, timezone: string): string | null {
  if (h.closedAt) return dateIn(h.closedAt, timezone);
  return h.status === "已撤销" ? dateIn(h.updatedAt, timezone) : null;
}

function supervision(input: HazardCardInput): SupervisionInput {
  const h = input.detail.hazard;
  return {
    hazard: { ...h, stoppedOn: stoppedOn(h, input.timezone) },
    postings: input.detail.postings,
    today: input.today,
    names: input.names,
  };
}

/** A form's button; its value carries the hazard's revision, so a press on an outdated card writes nothing. */
function submit(
  name: string,
  text: string,
  type: string,
  action: string,
  hazard: { number: string; revision: number },
): CardElement {
  const { number, revision } = hazard;
  return {
    tag: "button",
    name,
    text: { tag: "plain_text", content: text },
    type,
    form_action_type: "submit",
    behaviors: [{ type: "callback", value: { action, number, revision } }],
  };
}

/** The forms and buttons this person may use on the hazard now. */
function actionForms(input: HazardCardInput): CardElement[] {
  const hazard = input.detail.hazard;
  const forms: CardElement[] = [];
  const moves = input.moves.filter((m): m is Exclude<HazardMove, "supervise"> => m !== "supervise");
  if (moves.length > 0) {
    forms.push({
      tag: "form",
      name: "hazard_act",
      elements: [
        {
          tag: "input",
          name: "note",
          placeholder: { tag: "plain_text", content: "进展、说明或验收意见（退回时必填）" },
          max_length: 1000,
          input_type: "multiline_text",
          rows: 2,
        },
        ...moves.map((m) =>
          submit(`act_${m}`, MOVE_BUTTONS[m].text, MOVE_BUTTONS[m].type, ACTION_NAMES[m], hazard),
        ),
      ],
    });
  }
  if (input.moves.includes("supervise")) {
    forms.push({
      tag: "form",
      name: "hazard_sup",
      elements: [
        {
          tag: "select_static",
          name: "sup_level",
          placeholder: { tag: "plain_text", content: "督办层级" },
          options: SUPERVISION_LEVELS.map((l) => ({ text: { tag: "plain_text", content: l }, value: l })),
        },
        {
          tag: "input",
          name: "sup_doc",
          placeholder: { tag: "plain_text", content: "督办文件名称及文号" },
          max_length: 100,
        },
        {
          tag: "date_picker",
          name: "sup_date",
          placeholder: { tag: "plain_text", content: "督办日期（默认今天）" },
        },
        submit("act_supervise", "挂牌督办", "default", ACTION_NAMES.supervise, hazard),
      ],
    });
  }
  if (input.editable) {
    const { number, revision } = hazard;
    forms.push({
      tag: "button",
      name: "act_edit",
      text: { tag: "plain_text", content: "修改" },
      type: "default",
      behaviors: [{ type: "callback", value: { action: "hazard.edit_form", number, revision } }],
    });
  }
  if (input.withdrawable) {
    forms.push({
      tag: "form",
      name: "hazard_withdraw",
      elements: [
        {
          tag: "input",
          name: "withdraw_reason",
          placeholder: { tag: "plain_text", content: "撤销原因（必填，如：与 YH-2023-0006 重复）" },
          max_length: TEXT_MAX,
        },
        submit("act_withdraw", "撤销登记", "danger", "hazard.withdraw", hazard),
      ],
    });
  }
  return forms;
}

/** A pause still in force, in words; null once reminders have resumed. */
function pauseText(input: HazardCardInput): string | null {
  const p = input.reminderPause;
  if (!p || p.until < input.today) return null;
  return `暂停至 ${p.until}${p.reason ? `（${p.reason}）` : ""}，次日恢复`;
}

function build(input: HazardCardInput, noteMax: number, keep: number): Card {
  const h = input.detail.hazard;
  const sup = supervision(input);
  const overdue = isOverdue(h.deadline, h.status, input.today);
  const extended = extensionText(h.deadlineExtensions, h.originalDeadline);
  const deadline = [
    h.status === "已销号" || h.status === "已撤销"
      ? h.deadline
      : `${h.deadline}（${dueText(h.deadline, input.today)}）`,
    ...(extended ? [`${extended}`] : []),
  ].join("，");
  const nameOf = (openId: string | null) => (openId ? (input.names.get(openId) ?? openId) : null);
  const responsible = [
    `${h.unitName}（单位干部）`,
    h.enterpriseHead ? `${h.enterpriseHead}（企业主要负责人）` : "",
  ]
    .filter((s) => s !== "")
    .join("、");
  const elements: CardElement[] = [];
  if (input.notices && input.notices.length > 0) {
    elements.push(md(input.notices.map((n) => escapeMd(n)).join("\n")));
  }
  const leaders = (input.mentionLeaders ?? []).map(atMention).filter((m) => m !== "");
  const mentions = (input.mentions ?? []).map(atMention).filter((m) => m !== "");
  const mentionLines = [
    ...(leaders.length > 0 ? [`请责任领导关注：${leaders.join(" ")}`] : []),
    ...(mentions.length > 0 ? [`请责任干部关注：${mentions.join(" ")}`] : []),
  ];
  if (mentionLines.length > 0) elements.push(md(mentionLines.join("\n")));
  elements.push(
    fields([
      ["状态", overdue ? `${h.status}（超期）` : h.status],
      ["部门/村居", h.unitName],
      ["企业（项目）", h.enterpriseId ? h.enterpriseName : `${h.enterpriseName}（未登记的项目/场所）`],
      ["所属行业领域", h.sectorName],
      ["等级", h.level],
      ["来源", h.source],
      ["发现日期", h.foundOn],
      ["重大隐患描述", h.description],
      ["整改措施", h.measures],
      ["整改期限", deadline],
      ["督办", supervisionSummary(sup)],
      ["整改责任", responsible],
      ["提醒", pauseText(input)],
      ["登记人", nameOf(h.reportedBy)],
      ["验收人", checkerText(input.detail.events, nameOf(h.checkedBy))],
      ["销号时间", h.closedAt ? dateTimeIn(h.closedAt, input.timezone) : null],
    ]),
  );
  const postings = postingLines(sup, (t) => clip(t, noteMax));
  if (postings.length > 0) elements.push(md(postings.map(escapeMd).join("\n")));
  elements.push(hr(), md(historyLines(input, noteMax, keep)));
  elements.push(...photos(input.detail.events.slice(-keep)));
  elements.push(...actionForms(input));
  const ended = h.status === "已销号" || h.status === "已撤销";
  const subtitle = ended ? h.status : `${h.status} · ${dueText(h.deadline, input.today)}`;
  return card(`隐患 ${h.number}`, template(h.status, overdue), elements, subtitle);
}

function bytes(c: Card): number {
  return new TextEncoder().encode(JSON.stringify(c)).length;
}

/** The card, kept under Feishu's 30 KB: long notes in the history are cut shorter, then fewer are shown. */
export function hazardCard(input: HazardCardInput): Card {
  const budget = CARD_MAX_BYTES - 1024;
  for (const [noteMax, keep] of [
    [120, 10],
    [40, 10],
    [40, 5],
    [20, 3],
  ] as const) {
    const built = build(input, noteMax, keep);
    if (bytes(built) <= budget) return built;
  }
  return build(input, 10, 1);
}
