// A command that waits for the file its sender sends next (/企业 导入, then the workbook): Feishu cannot put
// a file and text in one message, so the command's arguments wait here for a few minutes.
import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pendingUploads } from "../../db/schema";

export type PendingUpload = typeof pendingUploads.$inferSelect;

/** Stores (or replaces) what the sender's next file in this chat is for. */
export async function putPendingUpload(db: Db, upload: PendingUpload): Promise<void> {
  await db
    .insert(pendingUploads)
    .values(upload)
    .onConflictDoUpdate({
      target: [pendingUploads.openId, pendingUploads.chatId],
      set: { purpose: upload.purpose, params: upload.params, expiresAt: upload.expiresAt },
    });
}

export interface PendingQuery {
  openId: string;
  chatId: string;
  purpose: string;
  now: number;
  /** also match the newest one from any chat (a file sent privately after /企业 导入 in the group) */
  anyChat?: boolean;
}

/**
 * Takes (reads and deletes at once, so a file is claimed by one delivery only) the sender's unexpired
 * pending upload for this purpose in this chat, or with `anyChat` in any chat. Expired rows are cleared.
 */
export async function takePendingUpload(db: Db, q: PendingQuery): Promise<PendingUpload | undefined> {
  await db
    .delete(pendingUploads)
    .where(and(eq(pendingUploads.openId, q.openId), lte(pendingUploads.expiresAt, q.now)));
  const mine = and(eq(pendingUploads.openId, q.openId), eq(pendingUploads.purpose, q.purpose));
  let target = await db
    .select()
    .from(pendingUploads)
    .where(and(mine, eq(pendingUploads.chatId, q.chatId)))
    .get();
  if (!target && q.anyChat) {
    target = await db
      .select()
      .from(pendingUploads)
      .where(and(mine, gt(pendingUploads.expiresAt, q.now)))
      .orderBy(desc(pendingUploads.expiresAt))
      .get();
  }
  if (!target) return undefined;
  const [taken] = await db
    .delete(pendingUploads)
    .where(
      and(
        eq(pendingUploads.openId, q.openId),
        eq(pendingUploads.chatId, target.chatId),
        eq(pendingUploads.purpose, q.purpose),
      ),
    )
    .returning();
  return taken;
}
