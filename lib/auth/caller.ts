import type { Role, Scope } from "@/db/schema";

/** A signed-in person: staff or resident. Teams are team keys (`finance`, `repairs` …). */
export type PersonCaller = {
  kind: "person";
  id: string;
  name: string;
  email: string;
  roles: Role[];
  teams: string[];
  personId: string | null;
  /** A resident's tenures: with personId, the records whose history they may read as their own. */
  tenureIds: string[];
  scopes: Scope[];
};

/** Another council service calling with an API key. */
export type ClientCaller = {
  kind: "client";
  id: string;
  name: string;
  scopes: Scope[];
};

export type Caller = PersonCaller | ClientCaller;

/** The caller as `GET /api/v1/me` shows it: nothing internal, nothing secret. */
export function describeCaller(caller: Caller) {
  if (caller.kind === "client") return { kind: caller.kind, id: caller.id, name: caller.name, scopes: caller.scopes };
  const { kind, id, name, email, roles, teams, scopes } = caller;
  return { kind, id, name, email, roles, teams, scopes };
}
