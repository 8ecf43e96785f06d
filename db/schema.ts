// The database tables, as drizzle sees them; `npm run db:generate` turns changes here into migrations.
import { sql } from "drizzle-orm";
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

/**
 * One row per Feishu delivery key (`event:<id>`, `message:<id>`): a second insert means a redelivery. An event
 * that has work to do after its acknowledgement carries its payload until that work is done, so a process that
 * dies on the way leaves it to be resumed; chatter is only a key.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    key: text("key").primaryKey(),
    receivedAt: integer("received_at").notNull().default(now),
    /** the normalised event (JSON) while its work is unfinished; null once done, or for chatter */
    payload: text("payload"),
    /** who is working on it (an instance id) and until when (ms): a resumer takes only an expired lease */
    leaseOwner: text("lease_owner"),
    leaseUntil: integer("lease_until"),
    /** runs started, the first included: an event that keeps failing is given up */
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [index("deliveries_unfinished").on(t.leaseUntil).where(sql`${t.payload} IS NOT NULL`)],
);

/**
 * What an event's run wrote, one row per write statement, each written in the same batch as its write and
 * keyed by the delivery: a resumed run replays what was read and written before and writes nothing twice.
 */
export const deliverySteps = sqliteTable(
  "delivery_steps",
  {
    delivery: text("delivery").notNull(),
    seq: integer("seq").notNull(),
    /** JSON: what the run read since the previous step (each statement's SQL and result) */
    reads: text("reads").notNull(),
    /** the write's SQL, to check that a resumed run takes the same road */
    statement: text("statement").notNull(),
    changes: integer("changes").notNull(),
    lastRowid: integer("last_rowid"),
    /** JSON: the rows the write returned (RETURNING), stored right after its batch */
    returned: text("returned"),
  },
  (t) => [primaryKey({ columns: [t.delivery, t.seq] })],
);

/** Every outgoing message, sent or not yet: nothing is lost when Feishu fails. `id` is Feishu's `uuid`. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    /** send: new message to receiveId; reply: reply to replyTo; patch: update the card of messageId */
    kind: text("kind", { enum: ["send", "reply", "patch"] }).notNull(),
    receiveIdType: text("receive_id_type", { enum: ["chat_id", "open_id"] }),
    receiveId: text("receive_id"),
    replyTo: text("reply_to"),
    msgType: text("msg_type").notNull(),
    /** the message content, as the JSON text Feishu takes */
    content: text("content").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed", "local"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** when a waiting row is tried again (after a failure, with backoff) */
    nextAttemptAt: integer("next_attempt_at").notNull().default(now),
    /** a sender is sending it until then: nobody else takes it meanwhile */
    leasedUntil: integer("leased_until"),
    /** the Feishu message id once sent (or, for a patch, the patched one) */
    messageId: text("message_id"),
    /** what the message is about, so a card can be found and patched later (e.g. `hazard:12`) */
    ref: text("ref"),
    createdAt: integer("created_at").notNull().default(now),
    sentAt: integer("sent_at"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_ref").on(t.ref),
    // a reply to any card the bot sent finds what the card was about
    index("outbox_message").on(t.messageId),
  ],
);

/**
 * A file message's bytes, kept with its outbox row: the file is uploaded (im/v1/files) when the row is sent, so
 * an Open API outage delays the file and loses nothing. The file_key is kept once uploaded, so a retry of the
 * send does not upload it again.
 */
export const outboxFiles = sqliteTable("outbox_files", {
  outboxId: text("outbox_id").primaryKey(),
  fileName: text("file_name").notNull(),
  /** Feishu's file_type: xls for a workbook, stream for anything it has no type for */
  fileType: text("file_type", { enum: ["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"] }).notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  fileKey: text("file_key"),
});

/** Who changed what, when: before and after as JSON. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull().default(now),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    before: text("before"),
    after: text("after"),
  },
  (t) => [index("audit_subject").on(t.subjectType, t.subjectId)],
);

/** Settings changed in chat (`/设置`); a stored value wins over the environment. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** A card form's submit, remembered so a second press of the same form does its work once. */
export const cardSubmissions = sqliteTable("card_submissions", {
  key: text("key").primaryKey(),
  result: text("result").notNull(),
  at: integer("at").notNull().default(now),
});

/**
 * Reporting units: villages and communities (村居), township departments (镇直), the township itself (政府). A name
 * is unique among active units only: a retired (停用) unit keeps its name for history, and the name is free again.
 */
export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["村居", "镇直", "政府"] }).notNull(),
    /** JSON array of short forms accepted in commands, e.g. ["派出所"] */
    aliases: text("aliases").notNull().default("[]"),
    /** the reference seed this unit came from (db/seed/reference.ts); null for units added in chat */
    seedKey: text("seed_key"),
    /** when it was retired (/单位 停用); null while active */
    retiredAt: integer("retired_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("units_active_name").on(t.name).where(sql`${t.retiredAt} IS NULL`),
    uniqueIndex("units_seed_key").on(t.seedKey),
  ],
);

/** Every reference seed key ever applied: a seed is applied once, so what admins change or delete stays so. */
export const referenceSeeds = sqliteTable("reference_seeds", {
  key: text("key").primaryKey(),
  at: integer("at").notNull().default(now),
});

/** The 15 sectors (行业领域) with the people the plan names for each, as text until bound to members. */
export const sectors = sqliteTable("sectors", {
  id: integer("id").primaryKey(),
  /** the reference seed's stable key, `sector-<id>` */
  seedKey: text("seed_key").unique(),
  name: text("name").notNull().unique(),
  aliases: text("aliases").notNull().default("[]"),
  leadersText: text("leaders_text").notNull(),
  cadresText: text("cadres_text").notNull(),
});

/** Members bound to a sector as its 责任领导 or 责任干部: they are @mentioned on its hazards. */
export const sectorMembers = sqliteTable(
  "sector_members",
  {
    sectorId: integer("sector_id").notNull(),
    openId: text("open_id").notNull(),
    duty: text("duty", { enum: ["责任领导", "责任干部"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sectorId, t.openId, t.duty] })],
);

/** Enterprises (生产经营建设单位) with their 公示牌 (附件1) fields. */
export const enterprises = sqliteTable(
  "enterprises",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    unitId: integer("unit_id").notNull(),
    sectorId: integer("sector_id").notNull(),
    headName: text("head_name").notNull(),
    headPhone: text("head_phone"),
    liaisonLeader: text("liaison_leader"),
    liaisonLeaderPhone: text("liaison_leader_phone"),
    cadreName: text("cadre_name"),
    cadrePhone: text("cadre_phone"),
    /**
     * The bound members linked as 挂点领导 (a 领导) and 责任干部 (a 干部 or 领导), by open_id: reminders escalate
     * to them. Apart from the 公示牌 text above, which stays as typed or imported.
     */
    liaisonLeaderOpenId: text("liaison_leader_open_id"),
    cadreOpenId: text("cadre_open_id"),
    highRisk: integer("high_risk", { mode: "boolean" }).notNull().default(false),
    /** when it was retired (/企业 注销) and why; null while active. Kept for history, out of lists and matching. */
    retiredAt: integer("retired_at"),
    retiredReason: text("retired_reason"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("enterprises_unit").on(t.unitId),
    index("enterprises_sector").on(t.sectorId),
    // unique among active enterprises only: a retired name can be registered again (a new record)
    uniqueIndex("enterprises_active_name").on(t.name).where(sql`${t.retiredAt} IS NULL`),
  ],
);

/** People in the group and their role; an enterprise head's unit follows from the enterprise. */
export const members = sqliteTable("members", {
  openId: text("open_id").primaryKey(),
  name: text("name").notNull(),
  role: text("role", { enum: ["管理员", "领导", "干部", "企业负责人"] }).notNull(),
  unitId: integer("unit_id"),
  enterpriseId: integer("enterprise_id"),
  /** their own phone (`/绑定 … 电话=`, `/我 电话=`), stored normalised: the forms' 联系电话; masked in group cards */
  phone: text("phone"),
  boundBy: text("bound_by").notNull(),
  boundAt: integer("bound_at").notNull().default(now),
});

/** A person's request to be bound, approved or refused by an admin on a card. */
export const bindRequests = sqliteTable("bind_requests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  openId: text("open_id").notNull(),
  name: text("name").notNull(),
  role: text("role", { enum: ["管理员", "领导", "干部", "企业负责人"] }).notNull(),
  unitId: integer("unit_id"),
  enterpriseId: integer("enterprise_id"),
  chatId: text("chat_id"),
  /** JSON array of sector ids the person asks to answer for (领导: 责任领导, 干部: 责任干部); null for none */
  sectors: text("sectors"),
  status: text("status", { enum: ["pending", "approved", "rejected"] })
    .notNull()
    .default("pending"),
  decidedBy: text("decided_by"),
  decidedAt: integer("decided_at"),
  createdAt: integer("created_at").notNull().default(now),
});

/** The last hazard number given out per year: numbers are allocated with one atomic upsert. */
export const hazardCounters = sqliteTable("hazard_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

/** The 附件3 ledger: one row per hazard, its current state. History is in hazard_events. */
export const hazards = sqliteTable(
  "hazards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull(),
    unitId: integer("unit_id").notNull(),
    /** set when 企业= names a registered enterprise; enterpriseName always holds the text shown */
    enterpriseId: integer("enterprise_id"),
    enterpriseName: text("enterprise_name").notNull(),
    sectorId: integer("sector_id").notNull(),
    description: text("description").notNull(),
    /**
     * The description folded as the duplicate check compares it (foldDescription), written with it: the check
     * seeks the few hazards with the same key instead of folding every open one of the week. Null on hazards
     * logged before the column existed; the check still compares those the slow way.
     */
    descriptionKey: text("description_key"),
    measures: text("measures").notNull(),
    deadline: text("deadline").notNull(),
    source: text("source", { enum: ["企业自查", "部门检查", "上级检查", "举报"] }).notNull(),
    /** 发现日期 (YYYY-MM-DD in APP_TIMEZONE): every count by period goes by it, never by the logging time */
    foundOn: text("found_on").notNull().default(""),
    level: text("level", { enum: ["重大", "一般"] }).notNull(),
    status: text("status", { enum: ["待整改", "整改中", "待验收", "已销号", "已撤销"] }).notNull(),
    /**
     * The day substantive progress (实质性进展) was met, YYYY-MM-DD: the first 整改完成 after a 督办 posting, or a
     * leader's /隐患 实质进展. A 退回 does not erase it. Postings are in hazard_supervisions.
     */
    progressMetOn: text("progress_met_on"),
    /** how many times 期限 was moved later (/隐患 修改 期限=… 原因=…) */
    deadlineExtensions: integer("deadline_extensions").notNull().default(0),
    /** 期限 as first logged, kept once it is extended; null while never extended */
    originalDeadline: text("original_deadline"),
    reportedBy: text("reported_by").notNull(),
    checkedBy: text("checked_by"),
    closedAt: integer("closed_at"),
    /** the chat and card message that show this hazard, for patching it when it changes */
    chatId: text("chat_id"),
    cardMessageId: text("card_message_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /**
     * Moves on with every write to the hazard (in the write's own batch). A card's buttons carry the revision
     * they were built at: a press on an older card writes nothing and answers with the current one.
     */
    revision: integer("revision").notNull().default(0),
  },
  // Each list index ends in (phase, deadline), the list's order (open first, then closed, then by deadline), so a
  // page of `/隐患 列表` under any one filter is read in order without sorting, and its count is read from the
  // index alone. The phase is 0 open, 1 已销号, 2 已撤销 (in no list but its own); the same expression is written
  // in src/store/hazard-list.ts. Figures in bench/hazards.ts.
  (t) => {
    const phase = sql`((${t.status} = '已销号') + 2 * (${t.status} = '已撤销'))`;
    return [
      uniqueIndex("hazards_number").on(t.number),
      index("hazards_phase_deadline").on(phase, t.deadline),
      index("hazards_unit_phase").on(t.unitId, phase, t.deadline),
      index("hazards_sector_phase").on(t.sectorId, phase, t.deadline),
      index("hazards_status_deadline").on(t.status, t.deadline),
      index("hazards_enterprise_phase").on(t.enterpriseId, phase, t.deadline),
      index("hazards_enterprise_name_phase").on(t.enterpriseName, phase, t.deadline),
      index("hazards_card").on(t.cardMessageId),
      // Every campaign figure is a count by 发现日期 (src/store/campaign-counts.ts): the columns they filter and
      // group by ride along, so a period's counts are read from this index alone. Figures in bench/campaign-cards.ts.
      index("hazards_found_cover").on(t.foundOn, t.level, t.status, t.source, t.unitId, t.sectorId),
      // A unit's (a sector and 来源's) figures for a period are one seek each, counted in the index
      // (src/store/campaign-figures.ts): no sort of the period's hazards by unit.
      index("hazards_unit_found").on(t.unitId, t.level, t.foundOn, t.status),
      index("hazards_sector_found").on(t.sectorId, t.level, t.source, t.foundOn, t.status),
      // the duplicate check reads the hazards logged in the last 7 days with the same folded description
      index("hazards_created").on(t.createdAt),
      index("hazards_description_key").on(t.descriptionKey, t.createdAt),
    ];
  },
);

/** Append-only history of a hazard: progress notes, status changes, photos, supervision; who and when. */
export const hazardEvents = sqliteTable(
  "hazard_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hazardId: integer("hazard_id").notNull(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    kind: text("kind", {
      enum: [
        "created",
        "progress",
        "rectified",
        "closed",
        "returned",
        "supervised",
        "photo",
        "progress_met",
        "supervision_withdrawn",
        "edited",
        "withdrawn",
        "restored",
      ],
    }).notNull(),
    note: text("note"),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    imageKey: text("image_key"),
    /** a 销号 or 退回 by the person who reported the 整改完成, allowed by 允许自验=是 */
    selfCheck: integer("self_check", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("hazard_events_hazard").on(t.hazardId, t.at),
    // a hazard's last move of a kind (the last 整改完成 of those awaiting 验收), read from the index alone
    index("hazard_events_hazard_kind").on(t.hazardId, t.kind, t.at),
    // the moves of a week (报整改完成, 销号, 撤销) for the 周调度
    index("hazard_events_kind_at").on(t.kind, t.at, t.hazardId),
  ],
);

/**
 * 挂牌督办 as a history: every posting is kept (a lower one over a higher one only when an admin confirms it),
 * the highest level not withdrawn stands, and its clock runs from posted_on to due_on (county 30 days, city
 * 60, township the 镇级督办天数 setting). A posting made by mistake is withdrawn, never deleted.
 */
export const hazardSupervisions = sqliteTable(
  "hazard_supervisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hazardId: integer("hazard_id").notNull(),
    level: text("level", { enum: ["镇级", "县级", "市级"] }).notNull(),
    /** 文件名称及文号 */
    doc: text("doc").notNull(),
    /** YYYY-MM-DD: the posting's date, from which the clock runs */
    postedOn: text("posted_on").notNull(),
    /** YYYY-MM-DD: substantive progress due by */
    dueOn: text("due_on").notNull(),
    postedBy: text("posted_by").notNull(),
    postedAt: integer("posted_at").notNull(),
    withdrawnAt: integer("withdrawn_at"),
    withdrawnBy: text("withdrawn_by"),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [index("hazard_supervisions_hazard").on(t.hazardId, t.withdrawnAt)],
);

/** A command that waits for the file its sender sends next in the same chat (e.g. /企业 导入 then the workbook). */
export const pendingUploads = sqliteTable(
  "pending_uploads",
  {
    openId: text("open_id").notNull(),
    chatId: text("chat_id").notNull(),
    purpose: text("purpose").notNull(),
    /** the command's arguments, as JSON */
    params: text("params").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.openId, t.chatId] })],
);

/** A new hazard held because it looks like an open one: its author's 仍要登记 logs it (the button carries the id). */
export const pendingHazards = sqliteTable("pending_hazards", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  openId: text("open_id").notNull(),
  chatId: text("chat_id").notNull(),
  /** the hazard's fields, as JSON */
  draft: text("draft").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * Always empty: a change to the members ends its batch by inserting here whether an admin remains, then
 * deleting the row. The CHECK refuses a 0, which rolls the whole batch back, so the last-admin rule is part
 * of the write itself (two admins demoting each other at once cannot both pass), on a file or a remote LibSQL.
 */
export const adminGuard = sqliteTable("admin_guard", { ok: integer("ok").notNull() }, (t) => [
  check("admin_remains", sql`${t.ok} = 1`),
]);

/**
 * One reminder item: what is due (a subject and an occasion) for one recipient. The unique key is the claim
 * that makes it go out once: the rows are written in the same batch as the card's outbox row, so a restart,
 * a retry or a second instance never sends the same (recipient, subject, occasion) twice.
 */
export const reminderItems = sqliteTable(
  "reminder_items",
  {
    id: text("id").primaryKey(),
    /** an open_id, or `chat:<chat_id>` for an escalation to the dispatch group (its admins answer) */
    recipient: text("recipient").notNull(),
    /** what the item is about: `hazard` today; the 十个一次 duties later (`duty`) */
    subjectKind: text("subject_kind").notNull(),
    subjectId: integer("subject_id").notNull(),
    /** the subject as people know it: the hazard's number */
    label: text("label").notNull(),
    /** the occasion, e.g. `deadline:2023-07-09|day`, `sup:3|missed`; `#1`/`#2` mark an escalation */
    occasion: text("occasion").notNull(),
    /** deadline-soon, deadline-day, overdue, supervision, supervision-missed, awaiting-check, awaits-posting */
    kind: text("kind").notNull(),
    /** 0: the people it concerns; 1: the enterprise's 挂点领导/责任干部; 2: the admins in the dispatch group */
    stage: integer("stage").notNull().default(0),
    /** the line the card shows, as it was when sent */
    line: text("line").notNull(),
    /** the date the item is about (deadline, 督办 due date, …) */
    dueOn: text("due_on").notNull(),
    /** the run's day (YYYY-MM-DD) */
    sentOn: text("sent_on").notNull(),
    /** scope for /提醒 状态 */
    unitId: integer("unit_id"),
    enterpriseName: text("enterprise_name"),
    cardId: text("card_id").notNull(),
    ackedAt: integer("acked_at"),
    ackedBy: text("acked_by"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("reminder_items_once").on(t.recipient, t.subjectKind, t.subjectId, t.occasion),
    index("reminder_items_subject").on(t.subjectKind, t.subjectId),
    index("reminder_items_sent").on(t.sentOn),
  ],
);

/**
 * A reminder card as sent: to a person (chat null), in a hazard's group for someone the bot cannot message
 * privately, or to the dispatch group. It shows the items in `itemIds`, with their acknowledgements.
 */
export const reminderCards = sqliteTable(
  "reminder_cards",
  {
    id: text("id").primaryKey(),
    recipient: text("recipient").notNull(),
    day: text("day").notNull(),
    /** null: a private message; else the group it went to */
    chatId: text("chat_id"),
    /** JSON array of reminder_items ids, in the card's order */
    itemIds: text("item_ids").notNull(),
    /** `private`, or the chat id: with (recipient, day) unique, the claim of one card a day per place */
    place: text("place").notNull(),
    /** the Feishu error code that refused a private send (230013: outside the app's availability) */
    refusedCode: integer("refused_code"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("reminder_cards_once").on(t.recipient, t.day, t.place)],
);

/** `/提醒 暂停`: a subject's reminders are held through `until`, and resume the day after. */
export const reminderPauses = sqliteTable(
  "reminder_pauses",
  {
    subjectKind: text("subject_kind").notNull(),
    subjectId: integer("subject_id").notNull(),
    until: text("until").notNull(),
    reason: text("reason"),
    pausedBy: text("paused_by").notNull(),
    pausedAt: integer("paused_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId] })],
);

/**
 * A scheduled job's period, done once: the row is written in the same batch as the job's outgoing messages,
 * so two ticks, two instances or a retry never post twice, and a crash leaves either both or neither.
 */
export const jobClaims = sqliteTable(
  "job_claims",
  {
    job: text("job").notNull(),
    /** the period's key (2023-W27, 2023-06, 2023Q3, 2023) or, for a notice, what it was about */
    period: text("period").notNull(),
    claimedAt: integer("claimed_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

/**
 * A unit's confirmation of its 附件3 ledger for a finished month (a zero report counts). `fingerprint` is the
 * month's rows as they stood when confirmed: a later change to them shows the confirmation as 已变更.
 */
export const ledgerConfirmations = sqliteTable(
  "ledger_confirmations",
  {
    unitId: integer("unit_id").notNull(),
    /** YYYY-MM */
    month: text("month").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** how many 重大 rows the confirmed ledger had */
    rows: integer("rows").notNull(),
    confirmedBy: text("confirmed_by").notNull(),
    confirmedAt: integer("confirmed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month] })],
);

/**
 * A sector's 附件4 figures for a month, as its department entered them (JSON of the entered items; the ledger's
 * figures are computed, never stored). 填报单位 is the filer's unit. Edits after the 20th are an admin's, and
 * every change is in the audit log.
 */
export const form4Filings = sqliteTable(
  "form4_filings",
  {
    sectorId: integer("sector_id").notNull(),
    /** YYYY-MM */
    month: text("month").notNull(),
    figures: text("figures").notNull(),
    filerUnit: text("filer_unit").notNull(),
    filedBy: text("filed_by").notNull(),
    filedAt: integer("filed_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sectorId, t.month] })],
);

/** 典型执法案例: each unit owes at least one a quarter (seed §三(二)3); 附件4 counts them. */
export const enforcementCases = sqliteTable(
  "enforcement_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id").notNull(),
    enterpriseName: text("enterprise_name").notNull(),
    sectorId: integer("sector_id").notNull(),
    description: text("description").notNull(),
    /** YYYY-MM-DD: the case's date, which decides its quarter */
    caseOn: text("case_on").notNull(),
    dangerousWorkCrime: integer("dangerous_work_crime", { mode: "boolean" }).notNull().default(false),
    /** YYYY-MM-DD: sent to 县安委办 on */
    reportedOn: text("reported_on"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** bumped by each correction: a 修改 or 删除 writes only over the case as it was read */
    revision: integer("revision").notNull().default(0),
    /** /案例 删除: kept for history, out of lists and counts (附件4, the quarter's roll) */
    deletedAt: integer("deleted_at"),
    deletedBy: text("deleted_by"),
    deleteReason: text("delete_reason"),
  },
  (t) => [index("enforcement_cases_unit").on(t.unitId, t.caseOn)],
);
