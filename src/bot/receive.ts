// The one path every verified event takes, from the webhook or the long connection: normalise, de-duplicate,
// then acknowledge a message at once and work after, or answer a card action within Feishu's 3 s.
import { normaliseEvent } from "../feishu/events";
import type { Deps } from "./deps";
import { handleCardAction, needsWork } from "./dispatch";
import { runDelivery } from "./durable-events";

export type Defer = (work: () => Promise<unknown>) => void;

/** Returns the body of the answer to Feishu; work that may be slow is handed to `defer`. */
export async function receive(deps: Deps, payload: Record<string, unknown>, defer: Defer): Promise<object> {
  const event = normaliseEvent(payload, deps.botOpenId());
  switch (event.type) {
    case "challenge":
      return { challenge: event.challenge };
    case "message": {
      // Only an event with work behind it is kept until that work is done; chatter is a dedupe key.
      const key = `event:${event.eventId}`;
      const work = needsWork(event);
      const keys = [key, `message:${event.messageId}`];
      if (!(await deps.deliveries.claim(keys, work ? JSON.stringify(event) : null))) return {};
      if (work) defer(() => runDelivery(deps, key, event));
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
      defer(() => runDelivery(deps, key, event));
      return {};
    }
    case "ignored":
      return {};
  }
}
