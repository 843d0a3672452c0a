import { readJsonBody } from "@/lib/api/request";
import { jsonResponse } from "@/lib/api/responses";
import { withAuth } from "@/lib/api/with-auth";
import { assertPerson } from "@/lib/auth/policies";
import { getPreferences, preferencesSchema, savePreferences } from "@/lib/rules/preferences";

export const dynamic = "force-dynamic";

const notAPerson = "Preferences belong to people; an API client has none";

// GET /api/v1/me/preferences – how the signed-in person hears about each category
export const GET = withAuth(async ({ caller, db }) => {
  assertPerson(caller, notAPerson);
  return jsonResponse(await getPreferences(db, caller.id));
});

// PUT /api/v1/me/preferences – replace those choices (all validated before anything is saved)
export const PUT = withAuth(async ({ request, caller, db }) => {
  assertPerson(caller, notAPerson);
  const body = await readJsonBody(request, preferencesSchema);
  return jsonResponse(await db.transaction((tx) => savePreferences(tx, caller.id, body)));
});
