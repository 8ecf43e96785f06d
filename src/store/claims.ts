// Claims on (job, period): a scheduled job's period is done once. The claim goes into the same batch as the
// job's outgoing messages (Messenger.postAll), so a taken claim stores nothing and a stored one sends later.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobClaims } from "../../db/schema";

/** The claim's insert, to run in the batch with the messages: it fails when the period is already claimed. */
export function claimStatement(db: Db, job: string, period: string, at: number) {
  return db.insert(jobClaims).values({ job, period, claimedAt: at });
}

export async function isClaimed(db: Db, job: string, period: string): Promise<boolean> {
  const row = await db
    .select({ job: jobClaims.job })
    .from(jobClaims)
    .where(and(eq(jobClaims.job, job), eq(jobClaims.period, period)))
    .get();
  return row !== undefined;
}
