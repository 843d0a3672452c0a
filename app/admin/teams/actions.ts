"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { problemsFromRefusal, type FormProblems } from "@/components/ui/form-problems";
import { getDb } from "@/db/runtime";
import { parseWith } from "@/lib/api/request";
import { mayManageDirectory } from "@/lib/auth/policies";
import { readTeamForm, teamFieldIdFor, teamFormBody, type TeamFormValues } from "@/lib/directory/team-form";
import { createTeamBodySchema, teamKeySchema, updateTeamBodySchema } from "@/lib/directory/team-schema";
import { createTeam, updateTeam } from "@/lib/directory/teams";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

// The teams pages' saves: each calls lib/directory as POST and PATCH /api/v1/teams do, in one
// transaction, audited with the administrator as author.

export type TeamFormState = { status: "idle" } | { status: "invalid"; problems: FormProblems; values: TeamFormValues };

async function requireDirectoryAdmin(returnTo: string) {
  const person = await requirePerson(returnTo);
  authorizePage(person, mayManageDirectory);
  return person;
}

/** Adds a team, then opens it to add its members and managers. */
export async function addTeam(_previous: TeamFormState, form: FormData): Promise<TeamFormState> {
  const admin = await requireDirectoryAdmin("/admin/teams");
  const values = readTeamForm(form);
  let key: string;
  try {
    const body = parseWith(createTeamBodySchema, teamFormBody(values, "create"));
    const db = await getDb();
    key = (await db.transaction((tx) => createTeam(tx, admin, body))).key;
  } catch (error) {
    const problems = problemsFromRefusal(error, teamFieldIdFor);
    if (!problems) throw error;
    return { status: "invalid", problems, values };
  }
  revalidatePath("/admin/teams");
  redirect(`/admin/teams/${key}?saved=added`);
}

/** Saves a team's name, escalation role, members and managers (the lists replaced whole). */
export async function changeTeam(key: string, _previous: TeamFormState, form: FormData): Promise<TeamFormState> {
  const teamKey = teamKeySchema.parse(key);
  const admin = await requireDirectoryAdmin(`/admin/teams/${teamKey}`);
  const values = { ...readTeamForm(form), key: teamKey };
  try {
    const body = parseWith(updateTeamBodySchema, teamFormBody(values, "update"));
    const db = await getDb();
    await db.transaction((tx) => updateTeam(tx, admin, teamKey, body));
  } catch (error) {
    const problems = problemsFromRefusal(error, teamFieldIdFor);
    if (!problems) throw error;
    return { status: "invalid", problems, values };
  }
  revalidatePath("/admin/teams");
  redirect(`/admin/teams/${teamKey}?saved=changed`);
}
