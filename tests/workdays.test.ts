// China's official working calendar from `chinese-days`: holidays, make-up workdays (调休), and the
// weekends-only fallback for a year the data does not cover.
import { describe, expect, it } from "vitest";
import {
  officialCalendar,
  uncoveredYears,
  workCalendar,
  workdayOnOrAfter,
  workdayOnOrBefore,
  workdaysBetween,
} from "../src/domain/workdays";

const cal = officialCalendar();

describe("the official calendar, 2023–2026", () => {
  it("covers 2023 to 2026", () => {
    expect(uncoveredYears(cal, [2023, 2024, 2025, 2026])).toEqual([]);
  });

  it("the National Day week is off, and its 调休 weekend days are workdays", () => {
    for (const day of ["2023-09-29", "2023-10-02", "2023-10-06"]) expect(cal.isWorkday(day)).toBe(false);
    expect(cal.isWorkday("2023-10-07")).toBe(true); // Saturday, 调休
    expect(cal.isWorkday("2023-10-08")).toBe(true); // Sunday, 调休
    expect(workdayOnOrAfter(cal, "2023-10-02")).toBe("2023-10-07");
    for (const day of ["2024-10-01", "2024-10-07"]) expect(cal.isWorkday(day)).toBe(false);
    expect(cal.isWorkday("2024-10-12")).toBe(true); // Saturday, 调休
    expect(cal.isWorkday("2025-10-08")).toBe(false);
    expect(cal.isWorkday("2025-09-28")).toBe(true); // Sunday, 调休
    expect(cal.isWorkday("2026-10-01")).toBe(false);
  });

  it("a holiday Monday's post moves to the next workday; ordinary days are as the week has them", () => {
    expect(workdayOnOrAfter(cal, "2023-05-01")).toBe("2023-05-04"); // 劳动节 Monday
    expect(workdayOnOrAfter(cal, "2023-07-03")).toBe("2023-07-03");
    expect(workdayOnOrAfter(cal, "2023-07-01")).toBe("2023-07-03"); // Saturday
    expect(workdayOnOrBefore(cal, "2023-10-06")).toBe("2023-09-28");
  });

  it("a 调休 Sunday is a workday", () => {
    expect(cal.isWorkday("2023-01-29")).toBe(true);
    expect(cal.isWorkday("2023-06-25")).toBe(true);
    expect(cal.isWorkday("2023-06-18")).toBe(false);
  });

  it("counts workdays after a date up to another", () => {
    expect(workdaysBetween(cal, "2023-09-27", "2023-10-09")).toBe(4); // 9-28, 10-7, 10-8, 10-9
    expect(workdaysBetween(cal, "2023-07-03", "2023-07-03")).toBe(0);
  });
});

describe("a year the data does not cover", () => {
  it("is reported, and falls back to Monday–Friday", () => {
    expect(uncoveredYears(cal, [2026, 2099])).toEqual([2099]);
    expect(cal.isWorkday("2099-10-01")).toBe(true); // a Thursday: no holiday data
    expect(cal.isWorkday("2099-10-03")).toBe(false); // Saturday
  });

  it("a calendar built from other data knows only the years it was given", () => {
    const small = workCalendar(["2030-01-01"], ["2030-01-05"]);
    expect(small.covers(2030)).toBe(true);
    expect(small.covers(2031)).toBe(false);
    expect(small.isWorkday("2030-01-01")).toBe(false);
    expect(small.isWorkday("2030-01-05")).toBe(true);
  });
});
