import type { Database } from "@/db/client";
import type { FieldError } from "@/lib/api/errors";
import { rateLimitedError, recipientLimiter } from "@/lib/api/rate-limit";
import type { CreateNotificationBody } from "./contract/create-notification-body";

/** One person, email address or mobile number a notification reaches, and the body field that named it. */
export type RecipientReached = { key: string; path: "recipient" | "recipients" | "email" | "mobileNumber" };

const message = "Too many notifications to this recipient in the last hour";

/**
 * Whom one created notification reaches, as the cap counts them: every person fan-out gave a
 * receipt or a message goes to (so an id in capitals, a person id, a team and a role that include
 * the same person are all that one person), the email address lower-cased, and the mobile number
 * as the validator normalised it.
 */
export function recipientsReached(body: CreateNotificationBody, userIds: string[]): RecipientReached[] {
  const people = new Set(userIds.map((userId) => userId.toLowerCase()));
  const path = body.recipients ? "recipients" : "recipient";
  const reached: RecipientReached[] = [...people].map((userId) => ({ key: `person:${userId}`, path }));
  if (body.channels.includes("email") && body.email)
    reached.push({ key: `email:${body.email.toLowerCase()}`, path: "email" });
  if (body.channels.includes("sms") && body.mobileNumber)
    reached.push({ key: `sms:${body.mobileNumber}`, path: "mobileNumber" });
  return reached;
}

/** Where one use of a cap came from: input `index`, the `rank`-th recipient it reached, named by `path`. */
type Use = { index: number; rank: number; path: RecipientReached["path"] };

/**
 * The per-recipient caps of one request, across all its notifications: a buggy caller in a loop
 * must not bury one person, team or phone in messages. Every input's recipients are added, then
 * counted at once in the create's transaction (one statement for every recipient), shared by every
 * replica. A refusal names the first input that goes over and throws, rolling the transaction
 * back: the creates and the counted uses go together, so a refused request spends nobody's
 * allowance and an accepted one is counted exactly once.
 */
export class RecipientCaps {
  private readonly uses = new Map<string, Use[]>();

  constructor(
    private readonly callerKey: string,
    private readonly locate: (index: number, error: FieldError) => FieldError,
  ) {}

  /** Adds input `index`'s recipients (checked by `commit`). */
  add(index: number, reached: RecipientReached[]): void {
    for (const [rank, { key, path }] of reached.entries()) {
      const capKey = `${this.callerKey}|${key}`;
      const uses = this.uses.get(capKey) ?? [];
      uses.push({ index, rank, path });
      this.uses.set(capKey, uses);
    }
  }

  /** Counts every recipient in `tx`, or throws 429 naming the first input that goes over. */
  async commit(tx: Database): Promise<void> {
    const result = await recipientLimiter.consumeAll(
      tx,
      new Map([...this.uses].map(([key, uses]) => [key, uses.length])),
    );
    if (result.allowed) return;
    // The use that first overflows each full key is the one after the room it had; the earliest
    // of those (by input, then by the order the input reached its recipients) is named.
    let first: (Use & { retryAfterSeconds: number }) | undefined;
    for (const [key, { usedBefore, retryAfterSeconds }] of result.over) {
      const use = this.uses.get(key)![Math.max(0, recipientLimiter.limit - usedBefore)]!;
      if (!first || use.index < first.index || (use.index === first.index && use.rank < first.rank))
        first = { ...use, retryAfterSeconds };
    }
    throw rateLimitedError(message, first!.retryAfterSeconds, [
      this.locate(first!.index, { path: first!.path, message }),
    ]);
  }
}
