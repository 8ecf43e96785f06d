// The reminders' pure rules: the window a run covers, which occasion of a family goes out, who receives it
// with the fallbacks, and when an unacknowledged one escalates.
import { describe, expect, it } from "vitest";
import { escalationDue } from "../src/domain/reminder-escalation";
import { type HazardFacts, hazardOccasions, runWindow } from "../src/domain/reminder-occasions";
import { firstEscalation, type HazardPeople, recipientsOf } from "../src/domain/reminder-routing";
import { officialCalendar } from "../src/domain/workdays";

const calendar = officialCalendar();

const hazard = (o: Partial<HazardFacts> = {}): HazardFacts => ({
  id: 1,
  number: "YH-2023-0001",
  status: "待整改",
  level: "一般",
  source: "企业自查",
  deadline: "2023-07-09",
  foundOn: "2023-07-01",
  supervision: null,
  rectifiedOn: null,
  pausedUntil: null,
  ...o,
});

describe("the run's window", () => {
  it.each([
    ["2023-07-07", "2023-07-09"], // Friday: through Sunday
    ["2023-07-05", "2023-07-05"],
    ["2023-09-28", "2023-10-06"], // before National Day: through the holiday
    ["2023-10-07", "2023-10-07"], // a make-up Saturday
  ])("%s covers through %s", (today, horizon) => {
    expect(runWindow(calendar, today)).toEqual({ today, horizon });
  });
});

describe("occasions", () => {
  const on = (today: string, h: HazardFacts) =>
    hazardOccasions(h, runWindow(calendar, today), calendar).map((o) => o.occasion);

  it("only the latest of a family: the day's reminder supersedes the 3-day one", () => {
    expect(on("2023-07-06", hazard())).toEqual(["deadline:2023-07-09|soon"]);
    expect(on("2023-07-07", hazard())).toEqual(["deadline:2023-07-09|day"]);
  });

  it("overdue is never anticipated: not on Friday for a Saturday, then weekly", () => {
    expect(on("2023-07-07", hazard({ deadline: "2023-07-07" }))).toEqual(["deadline:2023-07-07|day"]);
    expect(on("2023-07-10", hazard({ deadline: "2023-07-07" }))).toEqual(["deadline:2023-07-07|overdue-0"]);
    expect(on("2023-07-15", hazard({ deadline: "2023-07-07" }))).toEqual(["deadline:2023-07-07|overdue-1"]);
  });

  it("nothing for a rectified hazard's deadline, a closed or withdrawn one, or a paused one", () => {
    expect(on("2023-07-07", hazard({ status: "待验收" }))).toEqual([]);
    expect(on("2023-07-07", hazard({ status: "已撤销" }))).toEqual([]);
    expect(on("2023-07-07", hazard({ status: "已销号" }))).toEqual([]);
    expect(on("2023-07-07", hazard({ pausedUntil: "2023-07-07" }))).toEqual([]);
    expect(on("2023-07-10", hazard({ pausedUntil: "2023-07-07" }))).toEqual([
      "deadline:2023-07-09|overdue-0",
    ]);
  });
});

describe("routing", () => {
  const people = (o: Partial<HazardPeople> = {}): HazardPeople => ({
    unitCadres: ["ou_c"],
    enterprise: { heads: ["ou_h"], liaisonLeaders: ["ou_l"], cadres: ["ou_ec"] },
    sectorLeaders: ["ou_s"],
    admins: ["ou_a"],
    ...o,
  });

  it("the head; without one the enterprise's 责任干部, else the unit's 干部", () => {
    expect(recipientsOf(["unit-cadres", "enterprise"], people())).toEqual(["ou_c", "ou_h"]);
    const noHead = people({ enterprise: { heads: [], liaisonLeaders: [], cadres: ["ou_ec"] } });
    expect(recipientsOf(["unit-cadres", "enterprise"], noHead)).toEqual(["ou_c", "ou_ec"]);
    const neither = people({ enterprise: { heads: [], liaisonLeaders: [], cadres: [] } });
    expect(recipientsOf(["unit-cadres", "enterprise"], neither)).toEqual(["ou_c"]);
  });

  it("no registered enterprise and no 干部: the sector's 责任领导, then the admins", () => {
    expect(recipientsOf(["unit-cadres", "enterprise"], people({ unitCadres: [], enterprise: null }))).toEqual(
      ["ou_s"],
    );
    expect(
      recipientsOf(
        ["unit-cadres", "enterprise"],
        people({ unitCadres: [], enterprise: null, sectorLeaders: [] }),
      ),
    ).toEqual(["ou_a"]);
  });

  it("the first escalation: the linked 挂点领导 and 责任干部 not already told", () => {
    expect(firstEscalation(people(), ["ou_ec"])).toEqual(["ou_l"]);
    expect(firstEscalation(people({ enterprise: null }), [])).toEqual([]);
  });
});

describe("escalation", () => {
  const sent = { firstSentOn: "2023-07-03", stage1SentOn: null, stage2Sent: false, acked: false };
  it("after the grace workdays, not before; never once acknowledged", () => {
    expect(escalationDue(sent, "2023-07-04", 2, calendar)).toBeNull();
    expect(escalationDue(sent, "2023-07-05", 2, calendar)).toBe(1);
    expect(escalationDue({ ...sent, acked: true }, "2023-07-10", 2, calendar)).toBeNull();
  });
  it("stage 2 after as many workdays again; nothing after it", () => {
    const first = { ...sent, stage1SentOn: "2023-07-07" };
    expect(escalationDue(first, "2023-07-10", 2, calendar)).toBeNull();
    expect(escalationDue(first, "2023-07-11", 2, calendar)).toBe(2);
    expect(escalationDue({ ...first, stage2Sent: true }, "2023-07-20", 2, calendar)).toBeNull();
  });
});
