import { z } from "zod";
import "zod-openapi";
import { uuidPattern } from "@/lib/format/uuid";

// The seed's `user` (its notification contract, ../shared/seeds): the one person a notification is
// for, as callers written for that contract name them. Resolved through the directory at create
// (directory-recipient.ts) exactly as recipient { userId } or { personId } is.

/** Whether a `user` value is an id (a directory user id or the council's person id) rather than an email address. */
export const isIdHandle = (value: string) => uuidPattern.test(value);

/** A person as a request names them: their id (directory user id or council person id) or their email address. */
export const personHandleSchema = z
  .string()
  .trim()
  .max(320, "Must be at most 320 characters")
  .refine(
    (value) => isIdHandle(value) || z.email().safeParse(value).success,
    "Give the person's email address or id (a uuid)",
  );

export const seedUserSchema = personHandleSchema.meta({
  description:
    "The seed contract's recipient: one person, by their email address or id (the directory's user id or the council's person id), looked up in the directory like recipient { userId }. Give user or recipient, not both. Returned as given.",
  example: "fiona.finch@council.example",
});

/** For the channel rules: `user` names a person in the directory, as recipient { userId } does. */
export function seedUserRecipient(user: string | undefined): { userId: string } | undefined {
  return user === undefined ? undefined : { userId: user };
}
