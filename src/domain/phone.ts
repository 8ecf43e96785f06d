// Phone numbers on the 公示牌 (附件1): an 11-digit mobile or a landline with its area code, checked when
// given and stored in one form so the same number typed two ways compares equal.

export type PhoneResult = { ok: true; phone: string } | { ok: false; error: string };

export const PHONE_HINT = "手机写 11 位（如 13800000001），座机带区号（如 0797-1234567）";

const MOBILE = /^1[3-9]\d{9}$/;
const AREA = /^0\d{2,3}$/;
const LOCAL = /^\d{7,8}$/;
// Spaces and brackets people put around area codes; every dash-like character splits area from number.
const NOISE = /[\s()（）]/g;
const DASHES = /[-‐‑‒–—―－]/;

/** A landline's area code: 010 and 02x are three digits, every other one four (0797 for 赣州). */
function areaLength(digits: string): number {
  return digits[1] === "1" || digits[1] === "2" ? 3 : 4;
}

function landline(parts: string[]): string | null {
  if (parts.length === 2 && AREA.test(parts[0]!) && LOCAL.test(parts[1]!)) return `${parts[0]}-${parts[1]}`;
  const digits = parts.join("");
  if (!/^0\d+$/.test(digits)) return null;
  const area = digits.slice(0, areaLength(digits));
  const local = digits.slice(area.length);
  return LOCAL.test(local) ? `${area}-${local}` : null;
}

/** Checks a typed phone number; the stored form is `13800000001` or `0797-1234567`. */
export function normalisePhone(input: string): PhoneResult {
  const shown = input.trim();
  const compact = shown.normalize("NFKC").replace(NOISE, "");
  const parts = compact.split(DASHES).filter((p) => p !== "");
  const joined = parts.join("").replace(/^(?:\+86|0086)(?=1\d{10}$)/, "");
  if (MOBILE.test(joined)) return { ok: true, phone: joined };
  if (/^\d+$/.test(joined)) {
    const fixed = landline(parts);
    if (fixed) return { ok: true, phone: fixed };
  }
  return { ok: false, error: `「${shown}」不是有效的电话号码：${PHONE_HINT}` };
}
