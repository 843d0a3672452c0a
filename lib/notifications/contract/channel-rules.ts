import type { DeliveryChannel, NotificationType } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import { validateEmailAddress, validateUkAddress, validateUkMobileNumber } from "@/lib/notify/recipients";
import { configuredServiceKeys, unknownServiceMessage } from "@/lib/notify/services";
import { isDirectoryRecipient, isPersonRecipient } from "./recipient";

export const addressLineKeys = [
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "addressLine4",
  "addressLine5",
  "addressLine6",
  "addressLine7",
] as const;

/** The fields of a create body that say which channels it goes out on and to whom. */
export type ChannelFields = {
  notificationType: NotificationType;
  message?: string;
  recipient?: unknown;
  recipients?: unknown[];
  requireEmailNotification?: boolean;
  requireSmsNotification?: boolean;
  requireLetter?: boolean;
  serviceKey?: string;
  templateId?: string;
  emailTemplateId?: string;
  smsTemplateId?: string;
  letterTemplateId?: string;
  email?: string;
  mobileNumber?: string;
  attachment?: unknown;
} & Partial<Record<(typeof addressLineKeys)[number], string>>;

/** Where Notify sends each channel's copy, normalised as Notify normalises it. */
export type ChannelContacts = { email?: string; mobileNumber?: string; address?: string[] };

/** The channels a notification goes out on besides the inbox. */
export function channelsFor(body: ChannelFields): DeliveryChannel[] {
  const channels = new Set<DeliveryChannel>();
  if (body.notificationType === "Email" || body.requireEmailNotification) channels.add("email");
  if (body.notificationType === "Text" || body.requireSmsNotification) channels.add("sms");
  if (body.notificationType === "Letter" || body.requireLetter) channels.add("letter");
  return [...channels];
}

/**
 * What each channel requires: the inbox a message and someone to show it to (unless the category
 * names its audience); every other channel a Notify service and template, and its own recipient
 * (an email address, a UK mobile number, a UK postal address), which a person recipient's
 * directory entry supplies when the body leaves it out (checked at create, see
 * directory-recipient.ts). Every failing field is reported at once. Each contact is validated once, and its normalised form comes back with the problems.
 */
export function checkChannels(
  body: ChannelFields,
  options: { audienceFromCategory: boolean },
): { channels: DeliveryChannel[]; contacts: ChannelContacts; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  const channels = channelsFor(body);

  if (body.notificationType === "Screen" && !body.message) fail("message", "Enter the message to show in the inbox");
  if (body.notificationType === "Screen" && !body.recipient && !body.recipients && !options.audienceFromCategory) {
    fail(
      "recipient",
      "Say who should see it: user, recipient ({ userId }, { personId }, { residentsOf }, { team } or { role }) or recipients",
    );
  }
  if (channels.length > 0) {
    if (!body.serviceKey) fail("serviceKey", "Name the GOV.UK Notify service that sends it, e.g. housing");
    else if (!configuredServiceKeys().includes(body.serviceKey)) fail("serviceKey", unknownServiceMessage());
    for (const channel of channels) {
      if (!body[`${channel}TemplateId`] && !body.templateId) {
        fail("templateId", `Give the GOV.UK Notify template for the ${channel}`);
      }
    }
  }

  // A contact is required only for its channel, and not when the directory has it. One given for a
  // channel the notification is not sent on is still stored: an email address only if Notify would
  // accept it, a mobile number as given.
  const fromDirectory =
    isDirectoryRecipient(body.recipient) || (body.recipients ?? []).some((recipient) => isPersonRecipient(recipient));
  // Residents of a property are each written to at their own details; a contact for all of them is a mistake.
  if (typeof body.recipient === "object" && body.recipient !== null && "residentsOf" in body.recipient) {
    const given = (["email", "mobileNumber", ...addressLineKeys] as const).filter((key) => body[key]?.trim());
    for (const key of given) fail(key, "Leave this out with residentsOf: each resident's own details are used");
  }
  const email = body.email ? validateEmailAddress(body.email) : undefined;
  if (channels.includes("email")) {
    if (!email && !fromDirectory) fail("email", "Enter the email address to send to");
    else if (email && !email.ok) fail("email", email.message);
  }
  const mobile = body.mobileNumber ? validateUkMobileNumber(body.mobileNumber) : undefined;
  if (channels.includes("sms")) {
    if (!mobile && !fromDirectory) fail("mobileNumber", "Enter the mobile number to send to");
    else if (mobile && !mobile.ok) fail("mobileNumber", mobile.message);
  }
  const addressGiven = addressLineKeys.some((key) => body[key]?.trim());
  const address =
    channels.includes("letter") && (addressGiven || !fromDirectory)
      ? validateUkAddress(addressLineKeys.map((key) => body[key]))
      : undefined;
  if (address && !address.ok) {
    for (const problem of address.problems) {
      fail(problem.line === null ? "addressLine1" : addressLineKeys[problem.line]!, problem.message);
    }
  }
  if (body.attachment && !channels.includes("email")) fail("attachment", "Only emails can carry a file");

  const contacts: ChannelContacts = {
    email: email?.ok ? email.value : undefined,
    mobileNumber: mobile?.ok ? mobile.value : body.mobileNumber || undefined,
    address: address?.ok ? address.value : undefined,
  };
  return { channels, contacts, problems };
}
