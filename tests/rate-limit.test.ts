// Feishu takes about 5 messages a second per group: the limiter holds the sixth until the window frees.
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../src/feishu/rate-limit";

function clock() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("lets 5 sends to one group through at once and holds the 6th for the rest of the second", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    for (let i = 0; i < 5; i++) await limiter.take("oc_a");
    expect(c.slept).toEqual([]);
    c.advance(200);
    await limiter.take("oc_a");
    expect(c.slept).toEqual([800]);
  });

  it("keeps groups apart", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    for (let i = 0; i < 5; i++) await limiter.take("oc_a");
    for (let i = 0; i < 5; i++) await limiter.take("oc_b");
    expect(c.slept).toEqual([]);
  });

  it("spreads 12 sends over three windows", async () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    const start = c.now();
    for (let i = 0; i < 12; i++) await limiter.take("oc_a");
    expect(c.now() - start).toBe(2000);
  });

  it("books turns first come, first served: twelve waiting at once go at 0, 1 and 2 s, in the order they asked", () => {
    const c = clock();
    const limiter = new RateLimiter(5, c.sleep, c.now);
    const waits = Array.from({ length: 12 }, () => limiter.reserve("oc_a"));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    c.advance(1500);
    // Half a second on, the next turn is after the ones already booked.
    expect(limiter.reserve("oc_a")).toBe(500);
    expect(limiter.reserve("oc_b")).toBe(0);
  });
});
