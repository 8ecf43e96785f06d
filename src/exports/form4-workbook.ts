// Writes 附件4 as an .xlsx laid out like the form: the title with the sector filled in, 填报单位（部门） and 时间,
// the five columns 类别 | 项目 | 数 | 项目 | 数 with each 类别 merged down its rows, then the 注 lines. One sheet
// per table (the 全镇 workbook: the town's sum first, then each sector's). Pure: tables in, bytes out.
import ExcelJS from "exceljs";
import { FORM4_NOTES, type Form4Table, form4Rows, form4Title } from "../domain/form4";
import { boxed, FONT, printSetup, titleRow, workbookBytes } from "./sheet-style";

export const FORM4_WIDTHS = [16, 44, 12, 44, 12] as const;
export const FORM4_HEADER = ["类别", "项目", "数", "项目", "数"] as const;

export interface Form4Sheet {
  /** the sheet's tab */
  name: string;
  /** null: the 全镇 table */
  sectorName: string | null;
  /** 填报单位（部门） */
  filer: string;
  /** 时间, e.g. 2023年6月30日 */
  date: string;
  table: Form4Table;
}

function addSheet(workbook: ExcelJS.Workbook, s: Form4Sheet): void {
  const sheet = workbook.addWorksheet(s.name);
  sheet.columns = FORM4_WIDTHS.map((width) => ({ width }));
  titleRow(sheet, "A1:E1", form4Title(s.sectorName), 40);
  sheet.mergeCells("A2:C2");
  sheet.mergeCells("D2:E2");
  for (const [ref, text] of [
    ["A2", `填报单位（部门）：${s.filer}`],
    ["D2", `时间：${s.date}`],
  ] as const) {
    const cell = sheet.getCell(ref);
    cell.value = text;
    cell.font = { name: FONT, size: 12 };
    cell.alignment = { vertical: "middle" };
  }
  sheet.getRow(2).height = 24;
  const header = sheet.getRow(3);
  for (const [i, label] of FORM4_HEADER.entries())
    boxed(header.getCell(i + 1), label, { bold: true, center: true });
  let next = 4;
  for (const group of form4Rows(s.table)) {
    const first = next;
    for (let i = 0; i < group.pairs.length; i += 2) {
      const row = sheet.getRow(next++);
      const left: [string, string] = group.pairs[i]!;
      const right: [string, string] = group.pairs[i + 1] ?? ["", ""];
      boxed(row.getCell(2), left[0]);
      boxed(row.getCell(3), left[1], { center: true });
      boxed(row.getCell(4), right[0]);
      boxed(row.getCell(5), right[1], { center: true });
      row.height = 36;
    }
    sheet.mergeCells(`A${first}:A${next - 1}`);
    boxed(sheet.getCell(`A${first}`), group.category, { bold: true, center: true });
  }
  next++;
  for (const note of FORM4_NOTES) {
    sheet.mergeCells(`A${next}:E${next}`);
    const cell = sheet.getCell(`A${next}`);
    cell.value = note;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { wrapText: true, vertical: "top" };
    // about 70 characters a line across the five columns
    sheet.getRow(next).height = Math.max(18, Math.ceil([...note].length / 70) * 15);
    next++;
  }
  printSetup(sheet, "portrait", "3:3");
}

export async function form4Workbook(sheets: Form4Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "安督";
  for (const s of sheets) addSheet(workbook, s);
  return workbookBytes(workbook);
}
