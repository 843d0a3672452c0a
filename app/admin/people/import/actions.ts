"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/runtime";
import { ApiError } from "@/lib/api/errors";
import type { PersonCaller } from "@/lib/auth/caller";
import { mayManageDirectory } from "@/lib/auth/policies";
import { getSettings } from "@/lib/config/settings";
import { importFingerprint } from "@/lib/directory/import/import-fingerprint";
import { importFileTooLarge } from "@/lib/directory/import/import-limits";
import { importPeople, type ImportResult } from "@/lib/directory/import/import-people";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

// The people import page: a dry run first (the preview), then the same file imported, but only if
// it still does exactly what the preview showed.

/** What went wrong with a file: the headline, and each problem as `line N: column` and what to fix. */
export type ImportProblems = { headline: string; problems: string[] };

export type ImportState =
  | { status: "idle" }
  | { status: "refused"; fileName: string; refusal: ImportProblems }
  | { status: "preview"; fileName: string; csv: string; fingerprint: string; preview: ImportResult; note?: string }
  | { status: "imported"; fileName: string; created: number; updated: number; unchanged: number };

/** Thrown inside the import's transaction to undo it: the directory changed since the preview. */
class PreviewOutdated extends Error {}

/** The page's one form action: `step` is "preview" (a file chosen) or "import" (the previewed file). */
export async function importPeopleAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const admin = await requirePerson("/admin/people/import");
  authorizePage(admin, mayManageDirectory);
  if (form.get("step") === "import") {
    return importPreviewed(admin, String(form.get("csv") ?? ""), String(form.get("fileName") ?? ""), form);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return {
      status: "refused",
      fileName: "",
      refusal: { headline: "Choose a CSV file to import", problems: [] },
    };
  }
  const tooLarge = importFileTooLarge(file.size);
  if (tooLarge) return { status: "refused", fileName: file.name, refusal: { headline: tooLarge, problems: [] } };
  return preview(admin, await file.text(), file.name);
}

async function preview(admin: PersonCaller, csv: string, fileName: string, note?: string): Promise<ImportState> {
  try {
    const db = await getDb();
    const result = await importPeople(db, admin, csv, { dryRun: true });
    return { status: "preview", fileName, csv, fingerprint: importFingerprint(result), preview: result, note };
  } catch (error) {
    return refusedFile(error, fileName);
  }
}

async function importPreviewed(admin: PersonCaller, csv: string, fileName: string, form: FormData) {
  const fingerprint = String(form.get("fingerprint") ?? "");
  const options = { isDemo: getSettings().demo.signIn };
  try {
    const db = await getDb();
    const result = await db.transaction(async (tx) => {
      const applied = await importPeople(tx, admin, csv, { dryRun: false }, options);
      if (importFingerprint(applied) !== fingerprint) throw new PreviewOutdated();
      return applied;
    });
    revalidatePath("/admin/people");
    const { created, updated, unchanged } = result;
    return { status: "imported", fileName, created, updated, unchanged } satisfies ImportState;
  } catch (error) {
    if (error instanceof PreviewOutdated) {
      return preview(
        admin,
        csv,
        fileName,
        "The directory changed after the preview, so nothing was imported. Check this preview and import again.",
      );
    }
    return refusedFile(error, fileName);
  }
}

/** A file the import refused, as the page shows it; anything but a refusal is let through. */
function refusedFile(error: unknown, fileName: string): ImportState {
  if (!(error instanceof ApiError) || !["bad_request", "conflict", "payload_too_large"].includes(error.code)) {
    throw error;
  }
  const problems = (error.errors ?? []).map(({ path, message }) => `${path}: ${message}`);
  return { status: "refused", fileName, refusal: { headline: error.message, problems } };
}
