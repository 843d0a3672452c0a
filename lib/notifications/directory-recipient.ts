import { inArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pipelined } from "@/db/pipeline";
import { textArray } from "@/db/sql-arrays";
import { teams, users, type DeliveryChannel } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import { getSettings } from "@/lib/config/settings";
import { addressLineKeys } from "./contract/channel-rules";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import { isPersonRecipient } from "./contract/recipient";
import { isIdHandle } from "./contract/seed-user";
import { residentsProblems } from "./residents";

/** The person a notification is addressed to by id, as the directory holds them at create time. */
export type AddressedPerson = { userId: string; personId: string | null };

/**
 * `person`: whom a single recipient names by id. `listed`: the people a recipients list names by
 * id, each once (a person named by user id and by person id is one person), in the list's order.
 */
export type PersonCheck = { person: AddressedPerson | null; listed?: AddressedPerson[]; problems: FieldError[] };

const missingDetail: Record<DeliveryChannel, string> = {
  email: "email address",
  sms: "mobile number",
  letter: "postal address",
};

const rawContactFields = ["email", "mobileNumber", ...addressLineKeys] as const;

/**
 * With ALLOW_RAW_RECIPIENTS=false, every contact detail typed into the body is refused: messages
 * go only to people in the directory, for traceability (seed 004). One problem per field given.
 */
export function rawRecipientProblems(body: CreateNotificationBody): FieldError[] {
  if (getSettings().recipients.allowRaw) return [];
  return rawContactFields
    .filter((field) => body[field])
    .map((path) => ({
      path,
      message:
        "This service does not take email addresses, mobile numbers or postal addresses: address a person by id instead, recipient { personId } or { userId }",
    }));
}

/**
 * The channels whose copy goes to the person's details in the directory (looked up at send time):
 * those the body gives no contact for.
 */
export function directoryChannels(
  body: Pick<CreateNotificationBody, "channels" | "email" | "mobileNumber" | "address">,
) {
  return body.channels.filter((channel) =>
    channel === "email" ? !body.email : channel === "sms" ? !body.mobileNumber : !body.address,
  );
}

const personColumns = {
  userId: users.id,
  personId: users.personId,
  name: users.name,
  email: users.email,
  mobileNumber: users.mobileNumber,
  addressLines: users.addressLines,
  postcode: users.postcode,
  disabledAt: users.disabledAt,
};

/** The directory entries of the people addressed by user id, person id or (the seed's `user`) email, in one query. */
function lookUpPeople(db: Database, userIds: Set<string>, personIds: Set<string>, emails: Set<string>) {
  return db
    .select(personColumns)
    .from(users)
    .where(
      or(
        userIds.size > 0 ? inArray(users.id, [...userIds]) : undefined,
        personIds.size > 0 ? inArray(users.personId, [...personIds]) : undefined,
        // users_email_unique is on lower(email), so this is an index look-up too.
        emails.size > 0 ? sql`lower(${users.email}) = any(${textArray([...emails])})` : undefined,
      ),
    );
}
type DirectoryEntry = Awaited<ReturnType<typeof lookUpPeople>>[number];

/**
 * For a body addressed to one person (`userId` or `personId`): that the person exists, is not
 * disabled, and has the detail each channel the directory supplies needs. Problems name the
 * recipient field and the person ("Rosa Alvarez has no mobile number"). For the residents of a
 * property, that someone active lives there. Any other recipient: nothing to check.
 */
export async function checkAddressedPerson(db: Database, body: CreateNotificationBody): Promise<PersonCheck> {
  const [check] = await checkAddressedPeople(db, [body]);
  return check!;
}

/**
 * checkAddressedPerson for many bodies, the people looked up in one query whatever their number
 * (a sweep's escalation copies, a bulk create), the residents of a property one query each.
 */
export async function checkAddressedPeople(db: Database, bodies: CreateNotificationBody[]): Promise<PersonCheck[]> {
  const userIds = new Set<string>();
  const personIds = new Set<string>();
  const emails = new Set<string>();
  for (const { recipient, recipients, user } of bodies) {
    for (const named of recipient ? [recipient] : (recipients ?? [])) {
      // Ids are uuids, which the database answers in lower case whatever case the caller used.
      if ("userId" in named) userIds.add(named.userId.toLowerCase());
      if ("personId" in named) personIds.add(named.personId.toLowerCase());
    }
    // The seed's `user`: an id may be either kind (random uuids do not collide), or an email address.
    if (user !== undefined && isIdHandle(user)) [userIds, personIds].forEach((ids) => ids.add(user.toLowerCase()));
    else if (user !== undefined) emails.add(user.toLowerCase());
  }
  const listedTeams = new Set(
    bodies.flatMap(({ recipients }) => recipients?.flatMap((named) => ("team" in named ? [named.team] : [])) ?? []),
  );
  // The teams a list names are checked with the people, in the same round trip.
  const [found, knownTeams] = await pipelined([
    userIds.size + personIds.size + emails.size === 0
      ? Promise.resolve([])
      : lookUpPeople(db, userIds, personIds, emails),
    listedTeams.size === 0 ? Promise.resolve(new Set<string>()) : existingTeams(db, listedTeams),
  ]);
  const byUserId = new Map(found.map((entry) => [entry.userId, entry]));
  const byPersonId = new Map(found.flatMap((entry) => (entry.personId ? [[entry.personId, entry]] : [])));
  const byEmail = new Map(found.flatMap((entry) => (entry.email ? [[entry.email.toLowerCase(), entry]] : [])));
  const checks: PersonCheck[] = [];
  for (const body of bodies) {
    const recipient = body.recipient;
    const user = body.user?.toLowerCase();
    if (user !== undefined)
      checks.push(
        judge(body, "user", isIdHandle(user) ? (byUserId.get(user) ?? byPersonId.get(user)) : byEmail.get(user)),
      );
    else if (body.recipients) checks.push(checkList(body, body.recipients, byUserId, byPersonId, knownTeams));
    else if (recipient && "residentsOf" in recipient)
      checks.push({ person: null, problems: await residentsProblems(db, recipient.residentsOf.propertyId) });
    else if (!isPersonRecipient(recipient)) checks.push({ person: null, problems: [] });
    else if ("userId" in recipient)
      checks.push(judge(body, "recipient.userId", byUserId.get(recipient.userId.toLowerCase())));
    else checks.push(judge(body, "recipient.personId", byPersonId.get(recipient.personId.toLowerCase())));
  }
  return checks;
}

// By the field that named them (recipient.userId, recipients.N.personId, user …).
const unknownPerson: Record<string, string> = {
  userId: "No active person has this id",
  personId: "No person has this person id",
  user: "No person in the directory has this email address or id",
};

/** Each person a recipients list names (once), and every listed person or team that is not there. */
function checkList(
  body: CreateNotificationBody,
  recipients: NonNullable<CreateNotificationBody["recipients"]>,
  byUserId: Map<string, DirectoryEntry>,
  byPersonId: Map<string, DirectoryEntry>,
  knownTeams: Set<string>,
): PersonCheck {
  const listed = new Map<string, AddressedPerson>();
  const problems: FieldError[] = [];
  for (const [index, named] of recipients.entries()) {
    if ("team" in named && !knownTeams.has(named.team))
      problems.push({ path: `recipients.${index}.team`, message: `No team called ${named.team}` });
    if (!isPersonRecipient(named)) continue;
    const check =
      "userId" in named
        ? judge(body, `recipients.${index}.userId`, byUserId.get(named.userId.toLowerCase()))
        : judge(body, `recipients.${index}.personId`, byPersonId.get(named.personId.toLowerCase()));
    problems.push(...check.problems);
    if (check.person && !listed.has(check.person.userId)) listed.set(check.person.userId, check.person);
  }
  return { person: null, listed: [...listed.values()], problems };
}

async function existingTeams(db: Database, keys: Set<string>): Promise<Set<string>> {
  const found = await db
    .select({ key: teams.key })
    .from(teams)
    .where(inArray(teams.key, [...keys]));
  return new Set(found.map(({ key }) => key));
}

function judge(body: CreateNotificationBody, path: string, found: DirectoryEntry | undefined): PersonCheck {
  const fail = (message: string): PersonCheck => ({ person: null, problems: [{ path, message }] });
  if (!found) return fail(unknownPerson[path.split(".").at(-1)!]!);
  if (found.disabledAt) return fail(`${found.name} is disabled`);
  const has: Record<DeliveryChannel, boolean> = {
    email: Boolean(found.email),
    sms: Boolean(found.mobileNumber),
    letter: found.addressLines.length > 0 && Boolean(found.postcode),
  };
  const lacking = directoryChannels(body).filter((channel) => !has[channel]);
  if (lacking.length > 0) {
    return {
      person: null,
      problems: lacking.map((channel) => ({ path, message: `${found.name} has no ${missingDetail[channel]}` })),
    };
  }
  return { person: { userId: found.userId, personId: found.personId }, problems: [] };
}
