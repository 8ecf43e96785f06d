// Writes the 附件3 ledger as an .xlsx laid out like the form: the title, the nine columns in order, one row per
// hazard, the footer 填报单位（盖章）/填报人/联系电话; Chinese column widths, wrapped text, the header row repeated
// on every printed page, A4 landscape. 重大 hazards on the first sheet, 一般 ones on a second. Pure: rows in, bytes out.
import ExcelJS from "exceljs";
import { FORM3_COLUMNS, FORM3_TITLE, type Form3Row } from "../domain/form3";
import { boxed, FONT, printSetup, titleRow, workbookBytes } from "./sheet-style";

/** Widths in Excel's character units (a Chinese character takes about two). */
export const FORM3_WIDTHS = [6, 12, 18, 12, 34, 30, 26, 14, 32] as const;

export interface Form3Footer {
  /** 填报单位（盖章） */
  unit: string;
  /** 填报人: the person asking */
  filler: string;
  /** 联系电话: theirs, blank when unknown */
  phone: string;
}

export interface Form3Workbook {
  major: Form3Row[];
  minor: Form3Row[];
  footer: Form3Footer;
  /** e.g. "2023年6月" for a month's ledger, shown under the title; null: as it stands */
  periodLabel: string | null;
}

export const MINOR_TITLE = "高兴镇安全生产一般事故隐患排查整治台账";

function cells(row: Form3Row, n: number): (string | number)[] {
  return [
    n,
    row.unit,
    row.enterprise,
    row.sector,
    row.description,
    row.measures,
    row.supervision,
    row.deadline,
    row.progress,
  ];
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  rows: Form3Row[],
  o: Form3Workbook,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = FORM3_WIDTHS.map((width) => ({ width }));
  titleRow(sheet, "A1:I1", o.periodLabel ? `${title}\n（${o.periodLabel}）` : title, o.periodLabel ? 48 : 36);
  const header = sheet.getRow(2);
  for (const [i, label] of FORM3_COLUMNS.entries())
    boxed(header.getCell(i + 1), label, { bold: true, center: true });
  header.height = 36;
  let next = 3;
  if (rows.length === 0) {
    // A zero report is a report: the form says so in its body.
    sheet.mergeCells(`A${next}:I${next}`);
    boxed(sheet.getCell(`A${next}`), "本期无", { center: true });
    next++;
  }
  for (const [i, row] of rows.entries()) {
    const line = sheet.getRow(next++);
    for (const [c, value] of cells(row, i + 1).entries())
      boxed(line.getCell(c + 1), value, { center: c === 0 || c === 7 });
  }
  const footer = sheet.getRow(next + 1);
  sheet.mergeCells(`A${next + 1}:D${next + 1}`);
  sheet.mergeCells(`E${next + 1}:F${next + 1}`);
  sheet.mergeCells(`G${next + 1}:I${next + 1}`);
  const parts: [string, string][] = [
    ["A", `填报单位（盖章）：${o.footer.unit}`],
    ["E", `填报人：${o.footer.filler}`],
    ["G", `联系电话：${o.footer.phone}`],
  ];
  for (const [column, text] of parts) {
    const cell = footer.getCell(column);
    cell.value = text;
    cell.font = { name: FONT, size: 12 };
    cell.alignment = { vertical: "middle" };
  }
  footer.height = 28;
  printSetup(sheet, "landscape", "2:2");
}

export async function form3Workbook(o: Form3Workbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "安督";
  addSheet(workbook, "重大隐患", FORM3_TITLE, o.major, o);
  addSheet(workbook, "一般隐患", MINOR_TITLE, o.minor, o);
  return workbookBytes(workbook);
}
