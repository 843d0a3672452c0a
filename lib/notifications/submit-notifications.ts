import type { Database } from "@/db/client";
import { pipelined } from "@/db/pipeline";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { runIdempotently, type StoredResponse } from "@/lib/api/idempotency";
import { fieldErrorsOf, fieldValidationError } from "@/lib/api/problem";
import { actorOf } from "@/lib/auth/actor";
import type { Caller } from "@/lib/auth/caller";
import { notificationCreatedEvent } from "@/lib/subscriptions/notification-events";
import { publishEvents } from "@/lib/subscriptions/publish";
import { createNotificationBodySchema, type CreateNotificationBody } from "./contract/create-notification-body";
import { createNotification, unknownTeamProblem, type CreatedNotification } from "./create-notification";
import { createNotificationsSet, fitsCreateSet, type SetCreated } from "./create-notifications-set";
import {
  checkAddressedPeople as checkPeopleInDirectory,
  rawRecipientProblems,
  type AddressedPerson,
} from "./directory-recipient";
import { RecipientCaps, recipientsReached } from "./recipient-caps";
import { addressedToUser, withoutNullFields } from "./seed-callers";
import { templateProblems } from "./validate-personalisation";

/** One notification as its source gave it, or what the source already found wrong (a CSV row short of cells). */
export type NotificationInput = { body: unknown } | { problems: FieldError[] };

export type SubmitNotificationsOptions = {
  inputs: NotificationInput[];
  idempotencyKey: string | null;
  /** What the Idempotency-Key stands for: the same key with a different request is a 409. */
  idempotentRequest: (bodies: CreateNotificationBody[]) => unknown;
  /** Names a failing field of input `index` as the caller knows it: `email`, `line 3: email`, `3.email`. */
  locate: (index: number, error: FieldError) => FieldError;
  /** The 400 listing every failing field (a batch summarises a long list); fieldValidationError by default. */
  reject?: (errors: FieldError[]) => ApiError;
  /** Template checks every input shares (a batch's one template): made once, first, and answered alone. */
  checkSharedTemplate?: () => Promise<FieldError[]>;
  /** The response to store under the Idempotency-Key and answer. */
  respond: (created: CreatedNotification[]) => StoredResponse;
  /** POST /api/v1/sms: free-text texts, listed there. */
  freeTextSms?: boolean;
};

/** How many bodies one createNotificationsSet call takes: a bulk request's most, a tenth of a CSV's. */
export const createSetChunkSize = 1000;

export function callerKeyOf(caller: Caller): string {
  return `${caller.kind === "client" ? "client" : "user"}:${caller.id}`;
}

type CheckedInput = { body?: CreateNotificationBody; errors: FieldError[] };

/**
 * The one way in for new notifications, whether one, a CSV batch, a free-text text (POST
 * /api/v1/sms) or a JSON bulk request (POST /api/v1/notifications/bulk), so limits and checks
 * cannot drift between them.
 * Each input goes through, in order: contract validation, template checks with Notify, the
 * directory check of a person addressed by id, the create, the per-recipient caps. All or nothing:
 * every failing field of every input is answered in one 400, and the creates commit together with
 * the Idempotency-Key. Templates are checked outside the transaction, so no connection waits on
 * Notify, and not for a replay, whose stored answer stands whatever Notify says now.
 */
export async function submitNotifications(
  db: Database,
  caller: Caller,
  options: SubmitNotificationsOptions,
): Promise<StoredResponse & { replayed: boolean }> {
  const checked = options.inputs.map(validateInput);
  const assertAccepted = () => assertAllAccepted(checked, options);
  // A request with an invalid body was never stored, so there is nothing to replay: answer it now.
  if (checked.some((input) => input.errors.length > 0)) await assertAccepted();
  const bodies = checked.flatMap((input) => (input.body ? [input.body] : []));
  return runIdempotently(
    db,
    {
      callerKey: callerKeyOf(caller),
      key: options.idempotencyKey,
      request: options.idempotentRequest(bodies),
      check: assertAccepted,
    },
    async (tx) => options.respond((await createNotificationsInTransaction(tx, caller, bodies, options)).created),
  );
}

export type InTransactionOptions = {
  /** Names a failing field of input `index` as the caller knows it; the field as it is by default. */
  locate?: (index: number, error: FieldError) => FieldError;
  reject?: (errors: FieldError[]) => ApiError;
  freeTextSms?: boolean;
};

/**
 * The part of the pipeline that writes, for bodies already validated, inside the caller's
 * transaction: the directory check of people addressed by id, the creates, the per-recipient caps.
 * submitNotifications runs it in the Idempotency-Key's transaction; rules run it in the transaction
 * that holds their step's claim (lib/rules/engine/claim-step.ts), which is their idempotency: a
 * claimed step never creates again. Throws (400, 429) before anything commits. The caps are counted
 * in the same transaction, so if it fails after all the recipients keep their allowance.
 */
export async function createNotificationsInTransaction(
  tx: Database,
  caller: Caller,
  given: CreateNotificationBody[],
  options: InTransactionOptions = {},
): Promise<{ created: CreatedNotification[] }> {
  const locate = options.locate ?? ((_index: number, error: FieldError) => error);
  const reject = options.reject ?? fieldValidationError;
  const people = await checkAddressedPeople(tx, given, locate, reject);
  const bodies = given.map((body, index) => addressedToUser(body, people[index]!.person));
  // The common bodies are created together, a handful of statements for the lot; the rest (an
  // attachment, a property's residents) one by one. Either way results keep the inputs' order.
  const inSet = bodies.flatMap((body, index) => (fitsCreateSet(body) ? [index] : []));
  const setResults: SetCreated[] = [];
  // In chunks (a 10,000-row CSV is ten), all in this one transaction: each statement's JSON stays
  // small enough to parse in memory rather than spill to disk, and a chunk's rows are freed before the next.
  for (let start = 0; start < inSet.length; start += createSetChunkSize) {
    const chunk = inSet.slice(start, start + createSetChunkSize);
    const entries = chunk.map((index) => ({ body: bodies[index]!, ...people[index]! }));
    setResults.push(...(await createNotificationsSet(tx, caller, entries, { freeTextSms: options.freeTextSms })));
  }
  const results = new Map(inSet.map((index, position) => [index, setResults[position]!]));
  for (const [index, body] of bodies.entries()) {
    if (results.has(index)) continue;
    const created = await createNotification(tx, caller, body, {
      ...people[index],
      freeTextSms: options.freeTextSms,
    }).catch((error: unknown) => {
      // Its field problems (a team that does not exist) are this input's.
      if (error instanceof ApiError && error.status === 400 && error.errors)
        throw reject(error.errors.map((problem) => locate(index, problem)));
      throw error;
    });
    results.set(index, { created, unknownTeam: null });
  }
  // Caps count whom fan-out actually reached, input by input, so a refusal names the first input
  // that goes over; a refusal throws, and the transaction takes every create back with it.
  const caps = new RecipientCaps(callerKeyOf(caller), locate);
  const created: CreatedNotification[] = [];
  for (const [index, body] of bodies.entries()) {
    const { created: notification, unknownTeam } = results.get(index)!;
    if (unknownTeam) throw reject([locate(index, unknownTeamProblem(unknownTeam))]);
    caps.add(index, recipientsReached(body, [...notification.recipientUserIds, ...notification.addressedUserIds]));
    created.push(notification);
  }
  // Subscribers hear of every create, API, batch, text or rule, with the creates' commit (issue 13).
  const createdByClientId = actorOf(caller).clientId;
  const events = created.map(({ notification }) =>
    notificationCreatedEvent({ ...notification, createdByClientId, createdAt: new Date(notification.createdDate) }),
  );
  // The caps are counted last, so the rows of busy recipients are held (by this replica or
  // another) only for the moment before this transaction commits; sent with the subscriptions'
  // look-up, in one round trip, as neither needs the other's answer.
  await pipelined([publishEvents(tx, events), caps.commit(tx)]);
  return { created };
}

/**
 * The people the inputs address by id, checked in the transaction that creates them (so a person
 * disabled meanwhile is not written to); every input's problems are answered together.
 */
async function checkAddressedPeople(
  tx: Database,
  bodies: CreateNotificationBody[],
  locate: (index: number, error: FieldError) => FieldError,
  reject: (errors: FieldError[]) => ApiError,
): Promise<{ person: AddressedPerson | null; listed: AddressedPerson[] }[]> {
  const checks = await checkPeopleInDirectory(tx, bodies);
  const errors = checks.flatMap(({ problems }, index) => problems.map((problem) => locate(index, problem)));
  if (errors.length > 0) throw reject(errors);
  return checks.map(({ person, listed }) => ({ person, listed: listed ?? [] }));
}

function validateInput(input: NotificationInput): CheckedInput {
  if ("problems" in input) return { errors: input.problems };
  const result = createNotificationBodySchema.safeParse(withoutNullFields(input.body));
  if (!result.success) return { errors: fieldErrorsOf(result.error.issues) };
  const raw = rawRecipientProblems(result.data);
  return raw.length > 0 ? { errors: raw } : { body: result.data, errors: [] };
}

/** Adds each valid body's template problems to the contract's and throws them all, located, if there are any. */
async function assertAllAccepted(checked: CheckedInput[], options: SubmitNotificationsOptions): Promise<void> {
  const shared = (await options.checkSharedTemplate?.()) ?? [];
  if (shared.length > 0) throw fieldValidationError(shared);
  const errors: FieldError[] = [];
  for (const [index, input] of checked.entries()) {
    const problems = input.body ? [...input.errors, ...(await templateProblems(input.body))] : input.errors;
    errors.push(...problems.map((problem) => options.locate(index, problem)));
  }
  if (errors.length > 0) throw (options.reject ?? fieldValidationError)(errors);
}
