import type { Database } from "@/db/client";
import { activities, type AuthorDetails, type NewActivity } from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { activityCreatedEvent } from "@/lib/subscriptions/activity-events";
import { publishEvents } from "@/lib/subscriptions/publish";

/** An activity as the service's own code records it: the author comes from the caller, the time of storing from the database. */
export type ActivityEntry = Omit<NewActivity, "authorDetails" | "recordedAt">;

/**
 * A part of the service acting on its own, with no person or client behind the change (single
 * sign-on creating someone from their groups): named in the history as itself.
 */
export type SystemActor = { kind: "system"; name: string };

/**
 * Appends activity-history rows written by the service on a caller's behalf (an action, a delete);
 * callers pass their transaction so the entry commits with the change, and with it what
 * subscribers to activity.created hear of it.
 */
export async function recordActivities(
  db: Database,
  author: Caller | SystemActor,
  entries: ActivityEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const authorDetails = author.kind === "system" ? systemAuthor(author) : actorOf(author).author;
  const stored = await db
    .insert(activities)
    .values(entries.map((entry) => ({ ...entry, authorDetails })))
    .returning({
      id: activities.id,
      type: activities.type,
      targetType: activities.targetType,
      targetId: activities.targetId,
      createdAt: activities.createdAt,
    });
  await publishEvents(db, stored.map(activityCreatedEvent));
}

function systemAuthor(actor: SystemActor): AuthorDetails {
  const slug = actor.name.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-");
  return { fullName: actor.name, email: `${slug}@system.invalid` };
}
