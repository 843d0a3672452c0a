"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { understoodFieldId } from "@/components/directory/erase-person-fields";
import type { FormProblems } from "@/components/ui/form-problems";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { mayManagePersonalData } from "@/lib/auth/policies";
import { erasePerson } from "@/lib/personal-data/erase-person";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

// The erase page's action: the same lib function as POST /api/v1/people/{id}/erasure, in one
// transaction, with the administrator as the caller its audit entry names. Kept apart from
// actions.ts (the directory's saves) because it answers to a different policy.

export type ErasureFormState = { status: "idle" } | { status: "invalid"; problems: FormProblems };

const refused = (problems: FormProblems): ErasureFormState => ({ status: "invalid", problems });

/**
 * Erases the person once the administrator has ticked that it cannot be undone, then shows the
 * person page with what was erased. Erasing oneself is not offered: it would also sign them out.
 */
export async function erasePersonalData(
  id: string,
  _previous: ErasureFormState,
  form: FormData,
): Promise<ErasureFormState> {
  const personId = z.uuid().parse(id);
  const admin = await requirePerson(`/admin/people/${personId}/erase`);
  authorizePage(admin, mayManagePersonalData);
  if (form.get("understood") !== "yes") {
    const message = "Confirm that you understand erasing cannot be undone";
    return refused({ notes: [], errors: [{ fieldId: understoodFieldId, message }] });
  }
  if (personId === admin.id) {
    return refused({ notes: ["You cannot erase your own details. Another administrator can."], errors: [] });
  }
  try {
    const db = await getDb();
    await db.transaction((tx) => erasePerson(tx, admin, personId));
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  revalidatePath("/admin/people");
  redirect(`/admin/people/${personId}?saved=erased`);
}
