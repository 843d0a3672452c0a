"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { problemsFromRefusal, type FormProblems } from "@/components/ui/form-problems";
import { getDb } from "@/db/runtime";
import { parseWith } from "@/lib/api/request";
import { mayManageDirectory } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { personFieldIdFor, personFormBody, readPersonForm, type PersonFormValues } from "@/lib/directory/person-form";
import { createPersonBodySchema, updatePersonBodySchema } from "@/lib/directory/person-schema";
import { createPerson, updatePerson } from "@/lib/directory/save-person";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

// The people pages' saves: each calls lib/directory as POST and PATCH /api/v1/people do, in one
// transaction, audited with the administrator as author.

export type PersonFormState =
  { status: "idle" } | { status: "invalid"; problems: FormProblems; values: PersonFormValues };

// Refused as the pages are: the sign-in page without a session, "You do not have access" (403) without the role.
async function requireDirectoryAdmin(returnTo: string) {
  const person = await requirePerson(returnTo);
  authorizePage(person, mayManageDirectory);
  return person;
}

const personIdSchema = z.uuid();

/** Adds a person; a demo person while the demo sign-in is on, so they can sign in with it. */
export async function addPerson(_previous: PersonFormState, form: FormData): Promise<PersonFormState> {
  const admin = await requireDirectoryAdmin("/admin/people/new");
  const values = readPersonForm(form);
  let id: string;
  try {
    const body = parseWith(createPersonBodySchema, personFormBody(values, "create"));
    const options = { isDemo: getSettings().demo.signIn };
    const db = await getDb();
    id = (await db.transaction((tx) => createPerson(tx, admin, body, options))).id;
  } catch (error) {
    const problems = problemsFromRefusal(error, personFieldIdFor);
    if (!problems) throw error;
    return { status: "invalid", problems, values };
  }
  revalidatePath("/admin/people");
  redirect(`/admin/people/${id}?saved=added`);
}

/** Saves every question of the form; a field left blank is cleared. */
export async function changePerson(id: string, _previous: PersonFormState, form: FormData): Promise<PersonFormState> {
  const personId = personIdSchema.parse(id);
  const admin = await requireDirectoryAdmin(`/admin/people/${personId}`);
  const values = readPersonForm(form);
  try {
    const body = parseWith(updatePersonBodySchema, personFormBody(values, "update"));
    const db = await getDb();
    await db.transaction((tx) => updatePerson(tx, admin, personId, body));
  } catch (error) {
    const problems = problemsFromRefusal(error, personFieldIdFor);
    if (!problems) throw error;
    return { status: "invalid", problems, values };
  }
  revalidatePath("/admin/people");
  redirect(`/admin/people/${personId}?saved=changed`);
}

/**
 * Disables (ending their sessions and API use at once) or re-enables a person, after the person
 * page asked the administrator to confirm. Disabling oneself is refused by lib/directory.
 */
export async function setPersonDisabled(form: FormData): Promise<void> {
  const personId = personIdSchema.parse(form.get("id"));
  const admin = await requireDirectoryAdmin(`/admin/people/${personId}`);
  const disabled = z.enum(["true", "false"]).parse(form.get("disabled")) === "true";
  const db = await getDb();
  await db.transaction((tx) => updatePerson(tx, admin, personId, { disabled }));
  revalidatePath("/admin/people");
  redirect(`/admin/people/${personId}?saved=${disabled ? "disabled" : "enabled"}`);
}
