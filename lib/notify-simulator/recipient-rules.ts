import { phoneMessages, validateEmailAddress, validateUkMobileNumber } from "@/lib/notify/recipients";
import type { KeyType } from "./api-keys";
import type { ServiceSettings } from "./context";
import { badRequestError, invalidPhoneError } from "./errors";

// Who a key may send to (notifications-api service/utils.py, validators.py) and the smoke-test
// recipients Notify accepts but neither keeps nor sends (config.py SIMULATED_*).

const smokeTestNumbers = new Set(["447700900000", "447700900111", "447700900222"]);
const smokeTestEmails = new Set([
  "simulate-delivered@notifications.service.gov.uk",
  "simulate-delivered-2@notifications.service.gov.uk",
  "simulate-delivered-3@notifications.service.gov.uk",
]);

export type Recipient = {
  /** As submitted, trimmed: what GET and callbacks show. */
  to: string;
  /** Lower-cased email or 44… number: what simulated outcomes are decided on. */
  normalised: string;
  isSmokeTest: boolean;
};

/** The schema-level phone check, which allows any country and landlines (they are refused later). */
export function phoneFormatProblem(value: string): string | null {
  const result = validateUkMobileNumber(value);
  if (result.ok || result.message === phoneMessages.notUkMobile || result.message === phoneMessages.international)
    return null;
  return result.message;
}

export function emailFormatProblem(value: string): string | null {
  const result = validateEmailAddress(value);
  return result.ok ? null : result.message;
}

function normaliseGuest(entry: string): string {
  const email = validateEmailAddress(entry);
  if (entry.includes("@") && email.ok) return email.value.toLowerCase();
  const phone = validateUkMobileNumber(entry);
  return phone.ok ? phone.value : entry.replace(/\D/g, "");
}

function checkAllowed(service: ServiceSettings, keyType: KeyType, normalised: string): void {
  if (keyType === "test") return;
  if (keyType === "normal" && !service.trialMode) return;
  if (service.guestList.some((entry) => normaliseGuest(entry) === normalised)) return;
  throw badRequestError(
    keyType === "team"
      ? "Can’t send to this recipient using a team-only API key"
      : "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode",
  );
}

export function emailRecipient(service: ServiceSettings, keyType: KeyType, emailAddress: string): Recipient {
  const to = emailAddress.trim();
  const normalised = to.toLowerCase();
  const isSmokeTest = smokeTestEmails.has(normalised);
  if (!isSmokeTest) checkAllowed(service, keyType, normalised);
  return { to, normalised, isSmokeTest };
}

export function smsRecipient(service: ServiceSettings, keyType: KeyType, phoneNumber: string): Recipient {
  const to = phoneNumber.trim();
  const result = validateUkMobileNumber(to);
  const normalised = result.ok ? result.value : to.replace(/\D/g, "");
  const isSmokeTest = smokeTestNumbers.has(normalised);
  if (!isSmokeTest) checkAllowed(service, keyType, normalised);
  if (!result.ok && result.message === phoneMessages.international)
    throw badRequestError("Cannot send to international mobile numbers");
  if (!result.ok) throw invalidPhoneError(result.message);
  return { to, normalised, isSmokeTest };
}
