import { z } from "zod";
import { personKinds } from "@/db/schema";
import { teamKeySchema } from "./team-schema";

// The people page's URL: search, filters and the page position, so a link reproduces the view. A
// value edited by hand into nonsense is dropped rather than refused.

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess(blankAsUndefined, schema.optional()).catch(undefined);

export const peopleStatuses = ["active", "disabled"] as const;

export const peopleSearchSchema = z.object({
  q: optional(z.string().trim().max(200)),
  kind: optional(z.enum(personKinds)),
  team: optional(teamKeySchema),
  status: optional(z.enum(peopleStatuses)),
  after: optional(z.string().max(500)),
});
export type PeopleSearch = z.infer<typeof peopleSearchSchema>;

/** The people page's URL for a view. */
export function peopleHref(search: PeopleSearch): string {
  const query = new URLSearchParams();
  for (const name of ["q", "kind", "team", "status", "after"] as const) {
    const value = search[name];
    if (value) query.set(name, value);
  }
  return query.size > 0 ? `/admin/people?${query}` : "/admin/people";
}
