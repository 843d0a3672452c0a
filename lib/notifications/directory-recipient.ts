import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type DeliveryChannel } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import { getSettings } from "@/lib/config/settings";
import { addressLineKeys } from "./contract/channel-rules";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import { isPersonRecipient } from "./contract/recipient";
import { residentsProblems } from "./residents";

/** The person a notification is addressed to by id, as the directory holds them at create time. */
export type AddressedPerson = { userId: string; personId: string | null };

export type PersonCheck = { person: AddressedPerson | null; problems: FieldError[] };

const missingDetail: Record<DeliveryChannel, string> = {
  email: "email address",
  sms: "mobile number",
  letter: "postal address",
};

const rawContactFields = ["email", "mobileNumber", ...addressLineKeys] as const;

/**
 * With ALLOW_RAW_RECIPIENTS=false, every contact detail typed into the body is refused: messages
 * go only to people in the directory, for traceability (seed 004). One problem per field given.
 */
export function rawRecipientProblems(body: CreateNotificationBody): FieldError[] {
  if (getSettings().recipients.allowRaw) return [];
  return rawContactFields
    .filter((field) => body[field])
    .map((path) => ({
      path,
      message:
        "This service does not take email addresses, mobile numbers or postal addresses: address a person by id instead, recipient { personId } or { userId }",
    }));
}

/**
 * The channels whose copy goes to the person's details in the directory (looked up at send time):
 * those the body gives no contact for.
 */
export function directoryChannels(
  body: Pick<CreateNotificationBody, "channels" | "email" | "mobileNumber" | "address">,
) {
  return body.channels.filter((channel) =>
    channel === "email" ? !body.email : channel === "sms" ? !body.mobileNumber : !body.address,
  );
}

/**
 * For a body addressed to one person (`userId` or `personId`): that the person exists, is not
 * disabled, and has the detail each channel the directory supplies needs. Problems name the
 * recipient field and the person ("Rosa Alvarez has no mobile number"). For the residents of a
 * property, that someone active lives there. Any other recipient: nothing to check.
 */
export async function checkAddressedPerson(db: Database, body: CreateNotificationBody): Promise<PersonCheck> {
  const recipient = body.recipient;
  if (recipient && "residentsOf" in recipient)
    return { person: null, problems: await residentsProblems(db, recipient.residentsOf.propertyId) };
  if (!isPersonRecipient(recipient)) return { person: null, problems: [] };
  const path = "userId" in recipient ? "recipient.userId" : "recipient.personId";
  const fail = (message: string): PersonCheck => ({ person: null, problems: [{ path, message }] });
  const [found] = await db
    .select({
      userId: users.id,
      personId: users.personId,
      name: users.name,
      email: users.email,
      mobileNumber: users.mobileNumber,
      addressLines: users.addressLines,
      postcode: users.postcode,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where("userId" in recipient ? eq(users.id, recipient.userId) : eq(users.personId, recipient.personId));
  if (!found) return fail("userId" in recipient ? "No active person has this id" : "No person has this person id");
  if (found.disabledAt) return fail(`${found.name} is disabled`);
  const has: Record<DeliveryChannel, boolean> = {
    email: Boolean(found.email),
    sms: Boolean(found.mobileNumber),
    letter: found.addressLines.length > 0 && Boolean(found.postcode),
  };
  const lacking = directoryChannels(body).filter((channel) => !has[channel]);
  if (lacking.length > 0) {
    return {
      person: null,
      problems: lacking.map((channel) => ({ path, message: `${found.name} has no ${missingDetail[channel]}` })),
    };
  }
  return { person: { userId: found.userId, personId: found.personId }, problems: [] };
}
