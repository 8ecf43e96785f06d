// Preloaded (node --import) into a service process a test starts with `clockShiftMinutes`: the process's Date
// reads a chosen moment instead of today, so the scheduler, the tick, leases and hazard numbers all see one
// date that a test picked, whatever the real date is. Timers keep real durations.
//
// The shift is a whole number of minutes, so a minute starts at the same real instant in the shifted process
// as in the test (node-cron's ticks line up with the test's wait for the next minute). Only Date moves:
// SQLite's own clock (column defaults, `unixepoch()`) and performance.now() stay real.
export {};

const raw = process.env.ANDU_TEST_CLOCK_SHIFT_MINUTES ?? "";
if (!/^-?\d+$/.test(raw))
  throw new Error(
    `shifted-clock: ANDU_TEST_CLOCK_SHIFT_MINUTES must be a whole number of minutes, not "${raw}"`,
  );

const RealDate = Date;
const shiftMs = Number(raw) * 60_000;
const now = () => RealDate.now() + shiftMs;

// A Proxy rather than a subclass: Date.prototype stays the one every Date has, so `instanceof Date` holds for
// dates made before the preload or by libraries alike; only "now" moves (Date.now(), new Date(), Date()).
const ShiftedDate: DateConstructor = new Proxy(RealDate, {
  construct(target, args: unknown[], newTarget) {
    return Reflect.construct(
      target,
      args.length === 0 ? [now()] : args,
      newTarget === ShiftedDate ? target : newTarget,
    );
  },
  apply() {
    return new RealDate(now()).toString();
  },
  get(target, key, receiver) {
    return key === "now" ? now : Reflect.get(target, key, receiver);
  },
});
globalThis.Date = ShiftedDate;
