import { z } from "zod";
import "zod-openapi";
import { roles } from "@/db/schema";

const teamKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, "Use a team key such as finance or housing-officers");

/** Who sees a notification in the inbox; the same shape in a create body and in a response. */
export const recipientSchema = z
  .union([
    z.strictObject({ userId: z.uuid("userId must be a uuid") }),
    z.strictObject({ team: teamKey }),
    z.strictObject({ role: z.enum(roles) }),
  ])
  .meta({ id: "Recipient", description: "Who sees it in the inbox: one person, a team, or everyone with a role" });
export type Recipient = z.infer<typeof recipientSchema>;
