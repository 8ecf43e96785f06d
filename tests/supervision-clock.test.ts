// The 督办 clock as a pure rule: which posting stands, its due date, and met in time / met late / missed /
// running, with days; the words the card uses; and when a 重大 部门检查 hazard awaits a posting.
import { describe, expect, it } from "vitest";
import {
  awaitsPosting,
  clockText,
  metFor,
  type Posting,
  standingPosting,
  supervisionStanding,
} from "../src/domain/supervision-clock";

let serial = 0;
function posting(o: Partial<Posting> & Pick<Posting, "level" | "postedOn" | "dueOn">): Posting {
  serial += 1;
  return { id: serial, doc: `文${serial}号`, postedBy: "ou_a", postedAt: serial, withdrawnAt: null, ...o };
}

const town = posting({ level: "镇级", postedOn: "2023-06-01", dueOn: "2023-06-16" });
const county = posting({ level: "县级", postedOn: "2023-06-10", dueOn: "2023-07-10" });
const city = posting({ level: "市级", postedOn: "2023-06-20", dueOn: "2023-08-19" });

describe("standingPosting", () => {
  it("is the highest level, whatever the order", () => {
    expect(standingPosting([town, county, city])).toBe(city);
    expect(standingPosting([city, town, county])).toBe(city);
    expect(standingPosting([town])).toBe(town);
    expect(standingPosting([])).toBeNull();
  });

  it("leaves withdrawn postings aside", () => {
    expect(standingPosting([town, county, { ...city, withdrawnAt: 1 }])).toBe(county);
    expect(standingPosting([{ ...town, withdrawnAt: 1 }])).toBeNull();
  });

  it("of two at the same level, the first posted", () => {
    const later = posting({ level: "县级", postedOn: "2023-06-15", dueOn: "2023-07-15" });
    expect(standingPosting([later, county])).toBe(county);
    const sameDay = posting({ level: "县级", postedOn: "2023-06-10", dueOn: "2023-07-10" });
    expect(standingPosting([sameDay, county])).toBe(county);
  });
});

describe("supervisionStanding", () => {
  it("running, with days left (0 on the due day)", () => {
    expect(supervisionStanding([county], null, "2023-07-01")).toEqual({
      posting: county,
      level: "县级",
      dueOn: "2023-07-10",
      clock: { kind: "running", daysLeft: 9 },
    });
    expect(supervisionStanding([county], null, "2023-07-10")?.clock).toEqual({
      kind: "running",
      daysLeft: 0,
    });
  });

  it("missed, with days overdue", () => {
    expect(supervisionStanding([county], null, "2023-07-22")?.clock).toEqual({ kind: "missed", days: 12 });
  });

  it("met in time, on the due day or before", () => {
    expect(supervisionStanding([county], "2023-07-10", "2023-09-01")?.clock).toEqual({
      kind: "met-in-time",
      metOn: "2023-07-10",
    });
    expect(supervisionStanding([county], "2023-06-10", "2023-09-01")?.clock.kind).toBe("met-in-time");
  });

  it("met late, with days late", () => {
    expect(supervisionStanding([county], "2023-07-13", "2023-09-01")?.clock).toEqual({
      kind: "met-late",
      metOn: "2023-07-13",
      days: 3,
    });
  });

  it("progress before the standing posting's date does not meet its clock", () => {
    expect(metFor(city, "2023-06-19")).toBeNull();
    expect(metFor(city, "2023-06-20")).toBe("2023-06-20");
    expect(supervisionStanding([county, city], "2023-06-15", "2023-07-01")?.clock).toEqual({
      kind: "running",
      daysLeft: 49,
    });
    // …but it met the county clock, which stands again once the city posting is withdrawn.
    expect(
      supervisionStanding([county, { ...city, withdrawnAt: 5 }], "2023-06-15", "2023-07-01")?.clock,
    ).toEqual({ kind: "met-in-time", metOn: "2023-06-15" });
  });

  it("a closed hazard's miss stops counting on the day it closed", () => {
    expect(supervisionStanding([county], null, "2023-09-01", "2023-07-15")?.clock).toEqual({
      kind: "missed",
      days: 5,
    });
    expect(supervisionStanding([county], "2023-07-05", "2023-09-01", "2023-07-15")?.clock.kind).toBe(
      "met-in-time",
    );
  });

  it("nothing stands: null", () => {
    expect(supervisionStanding([], "2023-07-01", "2023-07-01")).toBeNull();
    expect(supervisionStanding([{ ...city, withdrawnAt: 1 }], null, "2023-07-01")).toBeNull();
  });
});

describe("clockText", () => {
  it("says each state as the card does", () => {
    expect(clockText({ kind: "met-in-time", metOn: "2023-07-20" })).toBe(
      "已于 2023-07-20 取得实质性进展（按期）",
    );
    expect(clockText({ kind: "met-late", metOn: "2023-07-20", days: 2 })).toBe(
      "已于 2023-07-20 取得实质性进展（逾期 2 天）",
    );
    expect(clockText({ kind: "missed", days: 12 })).toBe("逾期 12 天未取得实质性进展");
    expect(clockText({ kind: "running", daysLeft: 5 })).toBe("剩 5 天取得实质性进展");
    expect(clockText({ kind: "running", daysLeft: 0 })).toBe("今天到期，尚未取得实质性进展");
  });
});

describe("awaitsPosting", () => {
  const found = (foundOn: string, o: { level?: string; source?: string; status?: string } = {}) => ({
    level: o.level ?? "重大",
    source: o.source ?? "部门检查",
    foundOn,
    status: o.status ?? "整改中",
  });
  it("a 重大 hazard from 部门检查, more than 3 days after it was found, with nothing standing", () => {
    expect(awaitsPosting(found("2023-06-27"), false, "2023-07-01")).toBe(true);
    expect(awaitsPosting(found("2023-06-28"), false, "2023-07-01")).toBe(false);
    expect(awaitsPosting(found("2023-06-01"), true, "2023-07-01")).toBe(false);
    expect(awaitsPosting(found("2023-06-01", { level: "一般" }), false, "2023-07-01")).toBe(false);
    expect(awaitsPosting(found("2023-06-01", { status: "已销号" }), false, "2023-07-01")).toBe(true);
    expect(awaitsPosting(found("2023-06-01", { status: "已撤销" }), false, "2023-07-01")).toBe(false);
    for (const source of ["企业自查", "上级检查", "举报"])
      expect(awaitsPosting(found("2023-06-01", { source }), false, "2023-07-01")).toBe(false);
  });
});
