// The campaign's phases and dates from the plan (高府发〔2023〕14号 §四), taken in the year of 专项开始.

export interface Phase {
  name: string;
  from: string;
  to: string;
}

export function campaignPhases(year: number): Phase[] {
  return [
    { name: "动员部署", from: `${year}-05-01`, to: `${year}-05-31` },
    { name: "自查自改和部门帮扶", from: `${year}-06-01`, to: `${year}-07-31` },
    { name: "部门精准执法", from: `${year}-08-01`, to: `${year}-11-30` },
    { name: "总结提高", from: `${year}-12-01`, to: `${year}-12-31` },
  ];
}

/** The township's report to the county is due by 12月10日 (§五(二)). */
export function countyReportDue(year: number): string {
  return `${year}-12-10`;
}
