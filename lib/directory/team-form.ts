import { refuseUnstorableInput } from "@/lib/api/storable-input";
import type { TeamResponse } from "./team-schema";

// The admin pages' team forms: what they post, as text, and the API body it stands for, checked by
// the same contract as POST and PATCH /api/v1/teams (team-schema.ts).

export type TeamFormValues = { key: string; name: string; managerRole: string; members: string[]; managers: string[] };

/** Each question's control, by the API field a problem names (`members.3` is about members). */
export const teamFieldIds = {
  key: "team-key",
  name: "team-name",
  managerRole: "team-manager-role",
  members: "team-members",
  managers: "team-managers",
} as const;

export function teamFieldIdFor(path: string): string | undefined {
  const field = path.split(".")[0]!;
  return Object.hasOwn(teamFieldIds, field) ? teamFieldIds[field as keyof typeof teamFieldIds] : undefined;
}

type FormReader = { get(name: string): unknown; getAll(name: string): unknown[] };

export function readTeamForm(form: FormReader): TeamFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const list = (name: string) => form.getAll(name).filter((value) => typeof value === "string");
  return {
    key: text("key"),
    name: text("name"),
    managerRole: text("managerRole"),
    members: list("members"),
    managers: list("managers"),
  };
}

/**
 * The body for POST (`create`, with its key) or PATCH (`update`) of /api/v1/teams; no role clears it.
 * Text the database cannot store (a NUL character) is refused here, naming its field, as the API does.
 */
export function teamFormBody(values: TeamFormValues, mode: "create" | "update"): Record<string, unknown> {
  const managerRole = values.managerRole === "" ? null : values.managerRole;
  const fields = { name: values.name, managerRole, members: values.members, managers: values.managers };
  const body = mode === "create" ? { key: values.key, ...fields } : fields;
  refuseUnstorableInput(body);
  return body;
}

export function teamFormValuesOf(team: TeamResponse): TeamFormValues {
  return {
    key: team.key,
    name: team.name,
    managerRole: team.managerRole ?? "",
    members: team.members,
    managers: team.managers,
  };
}

export const newTeamFormValues: TeamFormValues = { key: "", name: "", managerRole: "", members: [], managers: [] };
