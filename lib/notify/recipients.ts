import { domainToASCII } from "node:url";
import libphonenumber from "google-libphonenumber";

// A CommonJS package: Node's ESM loader (db:migrate, the worker) only offers its default export.
const { PhoneNumberFormat, PhoneNumberType, PhoneNumberUtil } = libphonenumber;

// GOV.UK Notify's own recipient rules (notifications-utils), so that anything we accept Notify
// accepts too, and callers hear about a bad address at once rather than after the send.

const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF\u00A0\u202F]/g;
const localPartPattern = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@([^.@][^@\s]+)$/;
const hostnameLabelPattern = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const topLevelDomainPattern = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;

const invalidEmailMessage = "Not a valid email address";

/** The address Notify would send to, or an error message in Notify's words. */
export function validateEmailAddress(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const email = input.replace(invisibleCharacters, "").trim();
  const match = localPartPattern.exec(email);
  if (!match || email.length > 320 || email.includes("..")) return { ok: false, message: invalidEmailMessage };
  const hostname = domainToASCII(match[1]!);
  const labels = hostname.split(".");
  if (!hostname || hostname.length > 253 || labels.length < 2) return { ok: false, message: invalidEmailMessage };
  if (!labels.every((label) => label.length >= 1 && label.length <= 63 && hostnameLabelPattern.test(label))) {
    return { ok: false, message: invalidEmailMessage };
  }
  if (!topLevelDomainPattern.test(labels.at(-1)!)) return { ok: false, message: invalidEmailMessage };
  return { ok: true, value: email };
}

const phoneUtil = PhoneNumberUtil.getInstance();
const allowedPhoneCharacters = /^[\s()+\-0-9]*$/;
// Ofcom reserves 07700 900000–900999 for drama; Notify accepts them (its simulator numbers live there).
const ofcomDramaNumber = /^7700900\d{3}$/;

export const phoneMessages = {
  unknownCharacter: "Must not contain letters or symbols",
  tooShort: "Not enough digits",
  tooLong: "Too many digits",
  invalid: "Number is not valid – double check the phone number you entered",
  notUkMobile: "Not a UK mobile number",
  international: "Cannot send to international mobile numbers",
} as const;

/** A UK mobile number in Notify's normal form (447700900123), or Notify's error message. */
export function validateUkMobileNumber(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const raw = input.replace(invisibleCharacters, "").trim();
  if (!allowedPhoneCharacters.test(raw)) return { ok: false, message: phoneMessages.unknownCharacter };
  const digits = raw.replace(/\D/g, "");
  if (digits.length === 0) return { ok: false, message: phoneMessages.tooShort };
  if (digits.length > 15) return { ok: false, message: phoneMessages.tooLong };
  let parsed;
  try {
    parsed = phoneUtil.parse(raw.replace(/\s/g, "").replace(/^00/, "+"), "GB");
  } catch {
    return { ok: false, message: digits.length < 10 ? phoneMessages.tooShort : phoneMessages.invalid };
  }
  const nationalNumber = String(parsed.getNationalNumber() ?? "");
  if (parsed.getCountryCode() !== 44) {
    return phoneUtil.isValidNumber(parsed)
      ? { ok: false, message: phoneMessages.international }
      : { ok: false, message: phoneMessages.invalid };
  }
  if (ofcomDramaNumber.test(nationalNumber)) return { ok: true, value: `44${nationalNumber}` };
  if (nationalNumber.length < 10) return { ok: false, message: phoneMessages.tooShort };
  if (nationalNumber.length > 10) return { ok: false, message: phoneMessages.tooLong };
  if (!phoneUtil.isValidNumber(parsed)) return { ok: false, message: phoneMessages.invalid };
  if (phoneUtil.getNumberType(parsed) !== PhoneNumberType.MOBILE)
    return { ok: false, message: phoneMessages.notUkMobile };
  return { ok: true, value: phoneUtil.format(parsed, PhoneNumberFormat.E164).slice(1) };
}

// The postcode areas Notify accepts (notifications-utils uk-postcode-zones), plus its special ones.
const postcodeAreas = (
  "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX " +
  "FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP " +
  "NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW " +
  "UB W WA WC WD WF WN WR WS WV YO ZE GIR JE GY IM BF BX"
).split(" ");
const postcodePattern = new RegExp(`^(${postcodeAreas.join("|")})[0-9][0-9A-Z]?[0-9][ABD-HJLNP-UW-Z]{2}$`);
const forbiddenLineStart = /^[@()=[\]"\\/,<>~]/;
const noFixedAbode = /no fixed (abode|address)/i;

/** A real UK postcode, formatted as Notify does ("SW1A 1AA"), or null. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, "").toUpperCase();
  if (!postcodePattern.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

type AddressProblem = { line: number | null; message: string };

/**
 * Checks letter address lines (addressLine1…7, blanks allowed) with Notify's rules, in Notify's
 * order. Returns the cleaned lines (postcode formatted) or the problems, each tied to a line.
 */
export function validateUkAddress(
  lines: (string | undefined | null)[],
): { ok: true; value: string[] } | { ok: false; problems: AddressProblem[] } {
  const present = lines
    .map((line, index) => ({
      index,
      text: (line ?? "")
        .replace(/\s+/g, " ")
        .trim()
        .replace(/[ ,]+$/, ""),
    }))
    .filter((line) => line.text.length > 0);
  if (present.length < 3) return { ok: false, problems: [{ line: null, message: "Address must be at least 3 lines" }] };
  if (present.length > 7)
    return { ok: false, problems: [{ line: null, message: "Address must be no more than 7 lines" }] };
  const problems: AddressProblem[] = [];
  for (const line of present.slice(0, 2)) {
    if (!/[a-zA-Z0-9]/.test(line.text)) {
      problems.push({
        line: line.index,
        message: "The first 2 lines of the address must both include at least one alphanumeric character",
      });
    }
  }
  const last = present.at(-1)!;
  const postcode = normalisePostcode(last.text);
  if (!postcode) problems.push({ line: last.index, message: "Must be a real UK postcode" });
  for (const line of present) {
    if (forbiddenLineStart.test(line.text)) {
      problems.push({
        line: line.index,
        message: "Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >",
      });
    }
    if (line.text.toUpperCase() === "NFA" || noFixedAbode.test(line.text))
      problems.push({ line: line.index, message: "Must be a real address" });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: [...present.slice(0, -1).map((line) => line.text), postcode!] };
}
