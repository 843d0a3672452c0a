import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type ContactChannel } from "@/db/schema";
import { getSettings } from "@/lib/config/settings";
import { configuredServiceKeys } from "@/lib/notify/services";
import { notifyTemplateIds } from "@/lib/notify-simulator/templates";

type Channel = ContactChannel;
export const channelWords: Record<Channel, string> = { email: "email", sms: "text message", letter: "letter" };
// Tried in this order when a resident's preferred channel cannot be used (or they named none).
const fallbackOrder: Channel[] = ["email", "sms", "letter"];

export type Person = {
  id: string;
  name: string;
  email: string | null;
  mobileNumber: string | null;
  addressLines: string[];
  postcode: string | null;
  preferredChannel: Channel | null;
  disabledAt: Date | null;
  erasedAt: Date | null;
};

export async function personById(tx: Database, id: string): Promise<Person | undefined> {
  const [person] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      mobileNumber: users.mobileNumber,
      addressLines: users.addressLines,
      postcode: users.postcode,
      preferredChannel: users.preferredChannel,
      disabledAt: users.disabledAt,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(eq(users.id, id));
  return person;
}

export type ResidentChannel =
  { channel: Channel; serviceKey: string; explanation: string; resident: Person } | { explanation: string };

/**
 * How a resident's reminder goes: their preferred channel, or when it cannot be used (no detail for
 * it, or no template for it with the real Notify) or they named none, the first of email, text,
 * letter that can; when none can (or they are not active), nothing is sent and `explanation` says
 * why. Reads only, so the sweep and the dry run choose alike.
 */
export function residentChannel(resident: Person | undefined): ResidentChannel {
  if (!resident || resident.disabledAt || resident.erasedAt)
    return { explanation: "not sent: the resident is not an active person" };
  const serviceKey = configuredServiceKeys()[0];
  if (!serviceKey) return { explanation: "not sent: no GOV.UK Notify service is configured" };
  const usable = (channel: Channel) => hasDetail(resident, channel) && templateFor(channel) !== undefined;
  const order = resident.preferredChannel
    ? [resident.preferredChannel, ...fallbackOrder.filter((channel) => channel !== resident.preferredChannel)]
    : fallbackOrder;
  const channel = order.find(usable);
  if (!channel) {
    return {
      explanation: `not sent: ${resident.name} has no email address, mobile number or postal address to send it to`,
    };
  }
  const fallback =
    resident.preferredChannel && channel !== resident.preferredChannel
      ? ` (their preferred ${channelWords[resident.preferredChannel]} could not be used)`
      : "";
  return { channel, serviceKey, explanation: `${channelWords[channel]} to ${resident.name}${fallback}`, resident };
}

function hasDetail(person: Person, channel: Channel): boolean {
  if (channel === "email") return Boolean(person.email);
  if (channel === "sms") return Boolean(person.mobileNumber);
  return person.addressLines.length > 0 && Boolean(person.postcode);
}

/**
 * The Notify template for a resident's reminder: with the real Notify, the council's preference
 * templates for email and text (the same fields: recipient_name, title, summary, urgent,
 * action_url) and no letter (a letter needs a template the council has not named); with the
 * simulator, its "Visit due" templates.
 */
export function templateFor(channel: Channel): string | undefined {
  const { connection } = getSettings().notify;
  if (connection.kind === "real") return channel === "letter" ? undefined : connection.preferenceTemplates[channel];
  if (channel === "letter") return notifyTemplateIds.letter.visitDue;
  return connection.preferenceTemplates[channel] ?? notifyTemplateIds[channel].visitDue;
}
