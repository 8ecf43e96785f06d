// The one path every verified event takes, from the webhook or the long connection: normalise, drop what is
// too old to be a redelivery, de-duplicate, then acknowledge a message at once and work after, or answer a
// card action within Feishu's 3 s.
import { normaliseEvent } from "../feishu/events";
import type { Deps } from "./deps";
import { handleCardAction, needsWork } from "./dispatch";
import { runDelivery } from "./durable-events";

export type Defer = (work: () => Promise<unknown>) => void;

/**
 * Feishu's redeliveries end within a day; an event created longer ago than this is a replay of captured
 * bytes and is dropped (the request's own timestamp is not used: a redelivery is signed anew).
 */
export const REPLAY_WINDOW_MS = 3 * 24 * 3_600_000;
/** The dedupe records outlive the window, so every event young enough to be worked on is remembered. */
export const KEEP_DELIVERIES_MS = 7 * 24 * 3_600_000;

/** Returns the body of the answer to Feishu; work that may be slow is handed to `defer`. */
export async function receive(deps: Deps, payload: Record<string, unknown>, defer: Defer): Promise<object> {
  const event = normaliseEvent(payload, deps.botOpenId());
  if (
    (event.type === "message" || event.type === "card") &&
    event.createTime < deps.now() - REPLAY_WINDOW_MS
  ) {
    deps.logger.warn("stale event dropped", {
      event: event.eventId,
      type: event.type,
      created: new Date(event.createTime).toISOString(),
    });
    return {};
  }
  switch (event.type) {
    case "challenge":
      return { challenge: event.challenge };
    case "message": {
      // Only an event with work behind it is claimed and kept until that work is done, under its event id and
      // its message id (Feishu may resend a message under a new event id). Chatter, most of what a group bot
      // hears, has no work to do once or twice: it is remembered as seen after the acknowledgement.
      const key = `event:${event.eventId}`;
      if (!needsWork(event)) {
        defer(() => deps.deliveries.remember(key));
        return {};
      }
      if (!(await deps.deliveries.claim([key, `message:${event.messageId}`], JSON.stringify(event))))
        return {};
      deps.eventWork(() => runDelivery(deps, key, event, true));
      return {};
    }
    case "card": {
      if (!(await deps.deliveries.claim([`event:${event.eventId}`]))) return {};
      const answer = await handleCardAction(deps, event);
      // Feishu's callback answer carries a new card as {type:"raw", data}; handlers return the card itself.
      return {
        ...(answer.toast ? { toast: answer.toast } : {}),
        ...(answer.card ? { card: { type: "raw", data: answer.card } } : {}),
      };
    }
    case "bot_added": {
      const key = `event:${event.eventId}`;
      if (!(await deps.deliveries.claim([key], JSON.stringify(event)))) return {};
      deps.eventWork(() => runDelivery(deps, key, event, true));
      return {};
    }
    case "ignored":
      return {};
  }
}
