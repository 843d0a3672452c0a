import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamMembers, teams, users, type Role } from "@/db/schema";
import { listVisitsAtProperty } from "@/lib/visits/upcoming-visits";
import type { Audience } from "../definitions";
import { propertyIdOf, type RuleEvent } from "./event-rule-match";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whom one rule-made notification is addressed to, as the notifications API takes it. */
export type RuleRecipient = { team: string } | { role: Role } | { userId: string };

/** An audience resolved for one event: the notifications to make, and why they go where they go. */
export type ResolvedAudience = { recipients: RuleRecipient[]; reason: string };

/**
 * Turns a rule's audience into recipients for one event. A team or a role is one notification.
 * `visitOfficersAtProperty` is one notification per active officer with a booked visit at the
 * event's property starting within the next `withinDays` days (from `now`), each addressed to that
 * officer alone; with no such officer, or no property in the event, the fallback team gets one.
 */
export async function resolveEventAudience(
  db: Database,
  audience: Audience,
  event: RuleEvent,
  now: Date,
): Promise<ResolvedAudience> {
  if (audience.team) return { recipients: [{ team: audience.team }], reason: `the ${audience.team} team` };
  if (audience.role)
    return { recipients: [{ role: audience.role }], reason: `everyone with the ${audience.role} role` };
  const { withinDays, fallbackTeam } = audience.visitOfficersAtProperty!;
  const propertyId = propertyIdOf(event);
  const fallback = (why: string): ResolvedAudience => ({
    recipients: [{ team: fallbackTeam }],
    reason: `the ${fallbackTeam} team: ${why}`,
  });
  if (!propertyId) return fallback("the event names no property");
  const visits = await listVisitsAtProperty(db, propertyId, now, new Date(now.getTime() + withinDays * DAY_MS));
  const officerIds = [...new Set(visits.map((visit) => visit.officerUserId))];
  // A disabled officer is not written to (the create pipeline would refuse them).
  const active =
    officerIds.length === 0
      ? []
      : await db
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, officerIds), isNull(users.disabledAt)));
  const activeIds = new Set(active.map((officer) => officer.id));
  const recipients = officerIds.filter((id) => activeIds.has(id)).map((userId) => ({ userId }));
  if (recipients.length === 0) return fallback(`no visit booked at the property in the next ${withinDays} days`);
  return { recipients, reason: `the officers with a visit booked at the property in the next ${withinDays} days` };
}

/** Whether a team key names a team: a rule naming a deleted team makes nothing rather than refuse the event. */
export async function teamExists(db: Database, key: string): Promise<boolean> {
  const [found] = await db.select({ id: teams.id }).from(teams).where(eq(teams.key, key));
  return found !== undefined;
}

export type Person = { id: string; name: string };

/** The active people a recipient reaches, by name: what a preview shows. Capped, since a role can be large. */
export async function peopleReached(db: Database, recipient: RuleRecipient, limit = 200): Promise<Person[]> {
  const active = isNull(users.disabledAt);
  const base = db.select({ id: users.id, name: users.name }).from(users);
  if ("userId" in recipient)
    return base
      .where(and(eq(users.id, recipient.userId), active))
      .orderBy(asc(users.name))
      .limit(limit);
  if ("role" in recipient)
    return base
      .where(and(sql`${recipient.role}::role = any(${users.roles})`, active))
      .orderBy(asc(users.name))
      .limit(limit);
  return db
    .select({ id: users.id, name: users.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teams.key, recipient.team), active))
    .orderBy(asc(users.name))
    .limit(limit);
}
