import { z } from "zod";
import "zod-openapi";
import { roles } from "@/db/schema";

const teamKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "Use a team key such as finance or housing-officers");

/**
 * Who a notification is for; the same shape in a create body and in a response. A person (by user
 * id or the council's person id) is also who its email, text or letter goes to: their address,
 * number or postal address is read from the directory when it is sent, unless the body gives one.
 */
export const recipientSchema = z
  .union([
    z.strictObject({ userId: z.uuid("userId must be a uuid") }),
    z.strictObject({
      personId: z.uuid("personId must be a uuid").meta({ description: "The council's person id of a resident" }),
    }),
    z.strictObject({
      residentsOf: z.strictObject({
        propertyId: z.uuid("propertyId must be a uuid").meta({ description: "A flat, or the block it is in" }),
      }),
    }),
    z.strictObject({ team: teamKey }),
    z.strictObject({ role: z.enum(roles) }),
  ])
  .meta({
    id: "Recipient",
    description:
      "Who it is for: one person (userId, or personId, the council's id; their email, mobile number or postal address comes from the directory at send time), every active resident of a property (residentsOf, each by their preferred channel among those the request allows), a team, or everyone with a role",
  });
export type Recipient = z.infer<typeof recipientSchema>;

/** A recipient naming one person, whose contact details the directory holds. */
export type PersonRecipient = Extract<Recipient, { userId: string } | { personId: string }>;

export function isPersonRecipient(recipient: unknown): recipient is PersonRecipient {
  return typeof recipient === "object" && recipient !== null && ("userId" in recipient || "personId" in recipient);
}

/** Recipients whose messages go to the contact details the directory holds, not the body's. */
export function isDirectoryRecipient(recipient: unknown): boolean {
  return (
    isPersonRecipient(recipient) || (typeof recipient === "object" && recipient !== null && "residentsOf" in recipient)
  );
}
