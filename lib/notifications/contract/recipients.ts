import { z } from "zod";
import "zod-openapi";
import type { FieldError } from "@/lib/api/errors";
import { recipientSchema, type Recipient } from "./recipient";

/** The most recipients one notification names (each team or role counts once, however many it holds). */
export const recipientsMax = 20;

/**
 * `recipients: [...]`: several recipients for one notification, each in the shape of `recipient`.
 * Each person is reached once however many of the list's teams and roles they are in.
 */
export const recipientsSchema = z
  .array(recipientSchema)
  .min(1, "Name at least one recipient")
  .max(recipientsMax, `At most ${recipientsMax} recipients`)
  .meta({
    description: `Several recipients for one notification (1 to ${recipientsMax}), each in the shape of recipient: one inbox item, each person reached once however many of its teams and roles they are in, and one email, text or letter per person named by id. Residents of a property are addressed on their own (recipient { residentsOf }). Not with recipient.`,
  });

/**
 * The three ways to say who a notification is for (the seed's `user`, `recipient`, `recipients`):
 * one at most, each one given named in the refusal.
 */
export function addressingProblems(body: { user?: unknown; recipient?: unknown; recipients?: unknown }): FieldError[] {
  const given = (["user", "recipient", "recipients"] as const).filter((field) => body[field] !== undefined);
  if (given.length < 2) return [];
  const message =
    given.length === 2
      ? `Give ${given[0]} or ${given[1]}, not both`
      : "Give only one of user, recipient and recipients";
  return given.map((path) => ({ path, message }));
}

/**
 * The rules between `recipients` and the rest of a body: no `residentsOf` element, and no contact
 * details when it names people (each person's go to their own, from the directory). Failing fields
 * are named `recipients.N.field`.
 */
export function recipientsProblems(body: {
  recipients?: Recipient[];
  email?: string;
  mobileNumber?: string;
  addressGiven: boolean;
}): FieldError[] {
  if (!body.recipients) return [];
  const problems: FieldError[] = [];
  for (const [index, recipient] of body.recipients.entries()) {
    if ("residentsOf" in recipient)
      problems.push({
        path: `recipients.${index}.residentsOf`,
        message: "Address the residents of a property on their own, with recipient { residentsOf }",
      });
  }
  if (body.recipients.some((recipient) => "userId" in recipient || "personId" in recipient)) {
    const message = "Leave this out with recipients naming people: each person's own details are used";
    if (body.email) problems.push({ path: "email", message });
    if (body.mobileNumber) problems.push({ path: "mobileNumber", message });
    if (body.addressGiven) problems.push({ path: "addressLine1", message });
  }
  return problems;
}
