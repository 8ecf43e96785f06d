// Queries over members: who is bound, with which role, unit and enterprise.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members } from "../../db/schema";

export type MemberRow = typeof members.$inferSelect;

export async function getMember(db: Db, openId: string): Promise<MemberRow | undefined> {
  return db.select().from(members).where(eq(members.openId, openId)).get();
}
