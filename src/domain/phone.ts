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

/** A phone typed for a member: a number (checked as above), or 无 / nothing to clear it. */
export function readPhoneValue(
  input: string,
): { ok: true; phone: string | null } | { ok: false; error: string } {
  const v = input.trim();
  if (v === "" || v === "无") return { ok: true, phone: null };
  const checked = normalisePhone(v);
  return checked.ok ? { ok: true, phone: checked.phone } : checked;
}

/**
 * A member's phone as a group card shows it: the middle hidden (138****0001, 0797-***4567), so a group of many
 * never reads a number in full; a private chat with its owner, or an admin, shows it whole.
 */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf("-");
  if (dash !== -1) {
    const local = phone.slice(dash + 1);
    return `${phone.slice(0, dash + 1)}${"*".repeat(Math.max(0, local.length - 4))}${local.slice(-4)}`;
  }
  return `${phone.slice(0, 3)}${"*".repeat(Math.max(0, phone.length - 7))}${phone.slice(-4)}`;
}

/** A member's phone for a card: 未填写, whole, or masked. */
export function describePhone(phone: string | null, whole: boolean): string {
  if (phone === null) return "未填写";
  return whole ? phone : maskPhone(phone);
}
