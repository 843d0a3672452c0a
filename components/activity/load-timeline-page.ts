import { notFound } from "next/navigation";
import { getDb } from "@/db/runtime";
import { listTimeline, type TimelineQuery } from "@/lib/activity/list-timeline";
import { ApiError } from "@/lib/api/errors";
import type { PersonCaller } from "@/lib/auth/caller";

/** A timeline page for the pages that show one; a `?page=` token edited by hand is a page that does not exist. */
export function loadTimelinePage(viewer: PersonCaller, query: TimelineQuery) {
  return getDb()
    .then((db) => listTimeline(db, viewer, query))
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.code === "bad_request") notFound();
      throw error;
    });
}
