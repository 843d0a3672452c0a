import { forbidden, notFound } from "next/navigation";
import type { PersonCaller } from "@/lib/auth/caller";
import type { Policy } from "@/lib/auth/policies";

/**
 * `authorize` for pages and server actions: the same policy and the same refusal, answered as a
 * page. Someone else's record is notFound() (404, app/not-found.tsx); the wrong role is forbidden()
 * (403, app/forbidden.tsx, "You do not have access to this page").
 */
export function authorizePage<Args extends unknown[]>(person: PersonCaller, rule: Policy<Args>, ...args: Args): void {
  if (rule(person, ...args)) return;
  if (rule.refusal === "record") notFound();
  forbidden();
}
