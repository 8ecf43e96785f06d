// The clock a test gives a process it starts (the service, `npm run chat`): the process's Date set to a moment
// the test chose, through the preload ./shifted-clock.ts, so what the process does is the same on any real date.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** A test's view of the clock its processes read. */
export interface ShiftedClock {
  /** how far the processes' Date is moved, in whole minutes */
  minutes: number;
  /** the processes' time now (ms): for events' create_time and what the test expects */
  now(): number;
}

/**
 * The clock that reads `moment` now (to the nearest whole minute, so a minute starts at the same real instant
 * for the test and the processes): give every process of one test the same clock.
 */
export function clockAt(moment: number): ShiftedClock {
  const minutes = Math.round((moment - Date.now()) / 60_000);
  return { minutes, now: () => Date.now() + minutes * 60_000 };
}

const PRELOAD = pathToFileURL(resolve(import.meta.dirname, "shifted-clock.ts")).href;

/** node's flags (to follow `--import tsx`: the preload is TypeScript) and the environment for `clock`. */
export function clockFlags(clock: ShiftedClock | undefined): { args: string[]; env: Record<string, string> } {
  if (clock === undefined) return { args: [], env: {} };
  return {
    args: ["--import", PRELOAD],
    env: { ANDU_TEST_CLOCK_SHIFT_MINUTES: String(clock.minutes) },
  };
}
