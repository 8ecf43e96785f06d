// Tells the admins, privately and once, of something the scheduler could not do (no dispatch group, a year
// the holiday data does not cover). "Once" is a claim on (notice:<topic>, about), written with the messages.
import type { Deps } from "../bot/deps";
import { effectiveAdmins } from "../domain/admins";
import { claimStatement } from "../store/claims";
import { isUniqueViolation } from "../store/constraint";
import { listMembers } from "../store/members";

export async function tellAdminsOnce(
  deps: Deps,
  notice: { topic: string; about: string },
  text: string,
): Promise<void> {
  const admins = effectiveAdmins(await listMembers(deps.db), deps.config.adminOpenIds);
  if (admins.size === 0) {
    deps.logger.warn("no admin to tell", { topic: notice.topic });
    return;
  }
  try {
    await deps.messenger.postAll(
      [...admins].map((openId) => ({ target: { kind: "user", openId }, message: { msgType: "text", text } })),
      [claimStatement(deps.db, `notice:${notice.topic}`, notice.about, deps.now())],
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // told already
  }
}
