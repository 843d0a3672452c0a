import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import type { Caller, PersonCaller } from "@/lib/auth/caller";
import { getPreferences, preferencesSchema, savePreferences } from "@/lib/rules/preferences";

export const dynamic = "force-dynamic";

function personOnly(caller: Caller): PersonCaller {
  if (caller.kind !== "person") throw new ApiError("forbidden", "Preferences belong to people; an API client has none");
  return caller;
}

// GET /api/v1/me/preferences – how the signed-in person hears about each category
export const GET = withAuth(async ({ caller, db }) => jsonResponse(await getPreferences(db, personOnly(caller).id)));

// PUT /api/v1/me/preferences – replace those choices (all validated before anything is saved)
export const PUT = withAuth(async ({ request, caller, db }) => {
  const person = personOnly(caller);
  const body = await readJsonBody(request, preferencesSchema);
  return jsonResponse(await db.transaction((tx) => savePreferences(tx, person.id, body)));
});
