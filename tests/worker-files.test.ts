// Files on the Worker, run for real under workerd (`wrangler dev --local`): `/台账 导出`, `/调度表` and the 21st's
// roll-call from the cron build their workbooks with exceljs inside the bundle wrangler makes, upload them to
// the fake Open API as multipart form data (file_type, file_name and the bytes checked there, as Feishu would;
// here the bytes are compared with what the Worker stored in the outbox) and send them as file messages; a
// workbook a person sends (an enterprise roster for /企业 导入) is downloaded and read there too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enterprises, outboxFiles } from "../db/schema";
import { FORM3_COLUMNS, FORM3_TITLE } from "../src/domain/form3";
import { FORM4_HEADER } from "../src/exports/form4-workbook";
import { openDatabase } from "../src/node/database";
import { encryptedDelivery, GROUP_CHAT, messageEnvelope, messagePayload } from "./support/events";
import { type DeliveredMessage, type FakeOpenApi, startFakeOpenApi } from "./support/fake-open-api";
import { ADMIN } from "./support/harness";
import type { HranaServer } from "./support/hrana-server";
import { newHazardLine } from "./support/ledger";
import { startTurso, workerVars } from "./support/worker-env";
import { startWranglerDev, type WranglerDev } from "./support/wrangler-dev";

const dir = mkdtempSync(join(tmpdir(), "andu-worker-files-"));
let fake: FakeOpenApi;
let turso: HranaServer;
let dev: WranglerDev;

beforeAll(async () => {
  ({ turso } = await startTurso(dir));
  fake = await startFakeOpenApi();
  dev = await startWranglerDev(workerVars(fake.url, turso.url), join(dir, "state"));
  // Two 重大 hazards found in October 2026, so the ledger and October's roll-call have rows of their own.
  for (const [found, description] of [
    ["2026-10-16", "Worker 台账二：配电箱无漏电保护"],
    ["2026-10-15", "Worker 台账一：储罐区未设防雷设施"],
  ] as const)
    await say(`${newHazardLine({ description })} 发现日期=${found}`, (a) => a.length > 0);
}, 240_000);

afterAll(async () => {
  await dev?.stop();
  await fake?.close();
  await turso?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls until `check` gives something (the work behind an acknowledgement runs in waitUntil). */
async function eventually<T>(check: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen: ${dev.output.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let serial = 0;

async function deliver(payload: object) {
  const delivery = encryptedDelivery(payload);
  const response = await fetch(`${dev.base}/feishu/events`, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  expect(response.status).toBe(200);
}

/** A message to the Worker as Feishu delivers it; the answers to it once `done` says they are all there. */
async function say(
  text: string,
  done: (answers: DeliveredMessage[]) => boolean,
): Promise<DeliveredMessage[]> {
  serial += 1;
  const messageId = `om_worker_files_${serial}`;
  await deliver(messagePayload(text, { sender: ADMIN, messageId }));
  const answers = () => fake.messages.filter((m) => m.reply_to === messageId);
  return eventually(() => (done(answers()) ? answers() : undefined), `the answers to ${text}`);
}

const files = (messages: DeliveredMessage[]) => messages.filter((m) => m.msg_type === "file");

/**
 * The upload behind a file message: the same bytes as the workbook the Worker built and kept in the outbox
 * (nothing lost or re-encoded on the way through workerd's multipart), opened as the workbook it must be.
 */
async function workbookOf(message: DeliveredMessage | undefined) {
  const key = (message?.content as { file_key?: string } | undefined)?.file_key;
  const upload = fake.uploads.find((u) => u.fileKey === key);
  if (!upload) throw new Error(`no upload behind ${JSON.stringify(message)}`);
  const database = await openDatabase(`file:${join(dir, "andu.db")}`);
  const kept = (await database.db.select().from(outboxFiles)).find((f) => f.fileKey === key);
  database.close();
  expect(kept?.fileName).toBe(upload.fileName);
  expect(Buffer.compare(upload.bytes, Buffer.from(kept!.bytes))).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(upload.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return { upload, workbook };
}

const cell = (sheet: ExcelJS.Worksheet | undefined, ref: string) => String(sheet?.getCell(ref).value ?? "");
const rowOf = (sheet: ExcelJS.Worksheet | undefined, n: number, width: number) =>
  Array.from({ length: width }, (_, i) => String(sheet?.getRow(n).getCell(i + 1).value ?? ""));

/** The 附件3 sheet's checks: the title, the nine columns in order, the two hazards by 发现日期. */
function expectForm3(sheet: ExcelJS.Worksheet | undefined) {
  expect(cell(sheet, "A1")).toContain(FORM3_TITLE);
  expect(rowOf(sheet, 2, 9)).toEqual([...FORM3_COLUMNS]);
  expect([cell(sheet, "E3"), cell(sheet, "E4")]).toEqual([
    "Worker 台账一：储罐区未设防雷设施",
    "Worker 台账二：配电箱无漏电保护",
  ]);
  expect([cell(sheet, "B3"), cell(sheet, "D3")]).toEqual(["应急办", "危险化学品"]);
}

describe("workbooks the Worker makes", () => {
  it("/台账 导出: the 附件3 workbook built under workerd, uploaded whole as xls, sent as a file message", async () => {
    const answers = await say("/台账 导出", (a) => files(a).length > 0);
    const { upload, workbook } = await workbookOf(files(answers)[0]);
    expect(upload.fileType).toBe("xls");
    expect(upload.fileName).toMatch(/^附件3-重大事故隐患排查整治台账-全镇-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expectForm3(workbook.worksheets[0]);
    expect(fake.refused).toEqual([]);
  }, 120_000);

  it("/调度表: the 附件4 card, then its workbook built and sent the same way", async () => {
    const answers = await say("/调度表 2026-10", (a) => files(a).length > 0);
    expect(answers.map((m) => m.msg_type)).toEqual(["interactive", "file"]);
    const { upload, workbook } = await workbookOf(files(answers)[0]);
    expect(upload.fileType).toBe("xls");
    expect(upload.fileName).toMatch(/^附件4.*2026.*\.xlsx$/);
    const sheet = workbook.worksheets[0];
    expect(rowOf(sheet, 3, 5)).toEqual([...FORM4_HEADER]);
    expect(fake.refused).toEqual([]);
  }, 120_000);

  it("the 21st's roll-call from the cron: the 全镇 附件3 and 附件4 workbooks posted to the dispatch group", async () => {
    // 2026-11-21 is a Saturday: the roll-call for October goes on the Monday after, at 09:00 Asia/Shanghai.
    const monday = Date.parse("2026-11-23T09:00:00+08:00");
    const response = await fetch(`${dev.base}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=${monday}`);
    expect(response.status).toBe(200);
    const posted = await eventually(() => {
      const sent = files(fake.messages.filter((m) => m.receive_id === GROUP_CHAT));
      return sent.length >= 2 ? sent : undefined;
    }, "the roll-call's workbooks");
    const [form3, form4] = await Promise.all(posted.map(workbookOf));
    expect(form3!.upload.fileName).toBe(`附件3-${FORM3_TITLE}-全镇-2026-10.xlsx`);
    expectForm3(form3!.workbook.worksheets[0]);
    expect(cell(form3!.workbook.worksheets[0], "A1")).toContain("2026年10月底");
    expect(form4!.upload.fileName).toMatch(/^附件4.*2026.*10.*\.xlsx$/);
    expect(rowOf(form4!.workbook.worksheets[0], 3, 5)).toEqual([...FORM4_HEADER]);
    expect(fake.refused).toEqual([]);
  }, 120_000);
});

describe("a workbook a person sends", () => {
  it("is downloaded and read under workerd: /企业 导入 then the roster file", async () => {
    await say("/企业 导入 领域=烟花爆竹", (a) => a.length > 0);
    const roster = new ExcelJS.Workbook();
    const sheet = roster.addWorksheet("附件2");
    sheet.addRow(["序号", "公司/企业名称", "责任单位", "企业主要负责人", "联系电话"]);
    sheet.addRow([1, "甲记烟花爆竹零售店", "应急办", "店主甲", 13800000001]);
    sheet.addRow([2, "乙记烟花爆竹零售店", "应急办", "店主乙", 13800000002]);
    serial += 1;
    const messageId = `om_worker_files_${serial}`;
    fake.addResource(messageId, "file_v3_roster_w", Buffer.from(await roster.xlsx.writeBuffer()));
    await deliver(
      messageEnvelope({
        o: { sender: ADMIN, messageId },
        createTime: Date.now(),
        messageType: "file",
        content: JSON.stringify({ file_key: "file_v3_roster_w", file_name: "名录.xlsx" }),
        mentions: [],
        chatType: "group",
      }),
    );
    const answer = await eventually(
      () => fake.messages.find((m) => m.reply_to === messageId),
      "the import's answer",
    );
    expect(JSON.stringify(answer.content)).toContain("新增 2 家，更新 0 家，未变 0 家。");
    const database = await openDatabase(`file:${join(dir, "andu.db")}`);
    const names = (await database.db.select().from(enterprises)).map((e) => e.name);
    database.close();
    expect(names).toEqual(expect.arrayContaining(["甲记烟花爆竹零售店", "乙记烟花爆竹零售店"]));
    expect(fake.requests.filter((r) => r.path.endsWith("/resources/file_v3_roster_w"))).toHaveLength(1);
  }, 120_000);
});
