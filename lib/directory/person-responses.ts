import { z } from "zod";
import "zod-openapi";
import { contactChannels, personKinds, roles } from "@/db/schema";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { teamKeySchema } from "./team-schema";

// What the people routes answer with, and how the list is asked for.

export const personIdParamsSchema = z.object({ id: z.uuid("Not a person's id") });

/** A person as the API answers with them. */
export const personSchema = z
  .object({
    id: z.uuid().meta({ description: "The directory's id: recipient.userId, team members and managers name it" }),
    kind: z.enum(personKinds),
    name: z.string(),
    email: z.string().nullable(),
    mobileNumber: z.string().nullable(),
    addressLines: z.array(z.string()),
    postcode: z.string().nullable(),
    roles: z.array(z.enum(roles)),
    teams: z.array(z.string()).meta({ description: "Team keys, in order" }),
    personId: z.uuid().nullable().meta({ description: "The council's person id (residents)" }),
    tenureIds: z.array(z.uuid()),
    propertyIds: z.array(z.uuid()),
    preferredChannel: z.enum(contactChannels).nullable(),
    disabled: z.boolean(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Person" });
export type PersonResponse = z.infer<typeof personSchema>;

export const personPageSchema = z
  .object({
    results: z.array(personSchema),
    paginationDetails: z.object({ nextToken: z.string().nullable() }),
  })
  .meta({ id: "PersonPage" });

const booleanText = z.enum(["true", "false"], "Must be true or false").transform((value) => value === "true");

/** GET /api/v1/people: by name, then id; filters narrow it. */
export const listPeopleQuerySchema = paginationQuerySchema
  .extend({
    q: z
      .string()
      .trim()
      .min(1, "Enter some text to search for")
      .max(200, "Must be at most 200 characters")
      .optional()
      .meta({ description: "The start of the person's name (or of any word in it) or of their email address" }),
    kind: z.enum(personKinds, "Must be one of staff, resident").optional(),
    team: teamKeySchema.optional().meta({ description: "Only members of this team (its key)" }),
    disabled: booleanText.optional().meta({ description: "true: only disabled people; false: only active ones" }),
  })
  .meta({ id: "ListPeopleQuery" });
export type ListPeopleQuery = z.output<typeof listPeopleQuerySchema>;
