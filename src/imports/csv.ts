// A small RFC 4180 reader for rosters saved as .csv: quoted fields (with commas, quotes and line breaks
// inside), CRLF or LF line ends, a UTF-8 byte-order mark. Only UTF-8: Excel's default "CSV" on Chinese
// Windows is GBK, which is refused with a reason rather than read as mojibake.
import type { SheetResult, SheetRow } from "./sheet";

export function parseCsv(bytes: Uint8Array): SheetResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error:
        "CSV 文件须是 UTF-8 编码：在 Excel 里「另存为」选「CSV UTF-8（逗号分隔）」，或直接发送 .xlsx 文件。",
    };
  }
  if (text.startsWith("\ufeff")) text = text.slice(1);
  return splitRecords(text);
}

function splitRecords(text: string): SheetResult {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let quoteOpenedOnRecord = 0;
  let at = 0;
  const endField = () => {
    cells.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    rows.push({ number: rows.length + 1, cells });
    cells = [];
  };
  while (at < text.length) {
    const ch = text[at]!;
    if (quoted) {
      if (ch === '"' && text[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      at++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteOpenedOnRecord = rows.length + 1;
    } else if (ch === ",") endField();
    else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && text[at + 1] === "\n") at++;
    } else field += ch; // a stray quote inside an unquoted field is kept as text, as Excel does
    at++;
  }
  if (quoted) return { ok: false, error: `CSV 第 ${quoteOpenedOnRecord} 行有一个引号没有闭合。` };
  if (field !== "" || cells.length > 0) endRecord();
  return { ok: true, rows };
}
