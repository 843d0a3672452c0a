"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import { createApiClient, createApiClientBodySchema, revokeApiClient } from "@/lib/auth/api-clients";
import { mayAdminister } from "@/lib/auth/policies";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export type IssueApiClientState =
  | { status: "idle" }
  | { status: "issued"; name: string; key: string }
  | {
      status: "invalid";
      errors: Record<string, string>;
      values: { name: string; scopes: string[]; organisation: string; partyIds: string };
    };

// Refused as the page is: the sign-in page without a session, "You do not have access" (403) without the role.
async function requireAdmin() {
  const person = await requirePerson("/admin/api-clients");
  authorizePage(person, mayAdminister);
  return person;
}

/** Issues a client; the key is returned once, to this response only. */
export async function issueApiClient(_previous: IssueApiClientState, form: FormData): Promise<IssueApiClientState> {
  const admin = await requireAdmin();
  const values = {
    name: String(form.get("name") ?? ""),
    scopes: form.getAll("scopes").map(String),
    organisation: String(form.get("organisation") ?? ""),
    partyIds: String(form.get("partyIds") ?? ""),
  };
  const parsed = createApiClientBodySchema.safeParse({
    ...values,
    // The form takes party ids as one field, separated by commas.
    partyIds: values.partyIds
      .split(",")
      .map((partyId) => partyId.trim())
      .filter(Boolean),
  });
  if (!parsed.success) {
    // The first problem with each field is the one to fix first.
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { status: "invalid", errors, values };
  }
  try {
    const { client, key } = await createApiClient(await getDb(), { ...parsed.data, createdBy: admin.id });
    revalidatePath("/admin/api-clients");
    return { status: "issued", name: client.name, key };
  } catch (error) {
    if (error instanceof ApiError && error.code === "conflict") {
      return { status: "invalid", errors: { name: "A client with this name already exists" }, values };
    }
    throw error;
  }
}

export async function revokeApiClientAction(form: FormData): Promise<void> {
  await requireAdmin();
  const id = z.uuid().parse(form.get("id"));
  await revokeApiClient(await getDb(), id);
  revalidatePath("/admin/api-clients");
}
