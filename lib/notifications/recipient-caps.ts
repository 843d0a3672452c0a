import type { FieldError } from "@/lib/api/errors";
import { rateLimitedError, recipientLimiter } from "@/lib/api/rate-limit";
import type { CreateNotificationBody } from "./contract/create-notification-body";

/** One person, email address or mobile number a notification reaches, and the body field that named it. */
export type RecipientReached = { key: string; path: "recipient" | "email" | "mobileNumber" };

const message = "Too many notifications to this recipient in the last hour";

/**
 * Whom one created notification reaches, as the cap counts them: every person fan-out gave a
 * receipt or a message goes to (so an id in capitals, a person id, a team and a role that include
 * the same person are all that one person), the email address lower-cased, and the mobile number
 * as the validator normalised it.
 */
export function recipientsReached(body: CreateNotificationBody, userIds: string[]): RecipientReached[] {
  const people = new Set(userIds.map((userId) => userId.toLowerCase()));
  const reached: RecipientReached[] = [...people].map((userId) => ({ key: `person:${userId}`, path: "recipient" }));
  if (body.channels.includes("email") && body.email)
    reached.push({ key: `email:${body.email.toLowerCase()}`, path: "email" });
  if (body.channels.includes("sms") && body.mobileNumber)
    reached.push({ key: `sms:${body.mobileNumber}`, path: "mobileNumber" });
  return reached;
}

/**
 * The per-recipient caps of one request, across all its notifications: a buggy caller in a loop
 * must not bury one person, team or phone in messages. Each notification's recipients are checked
 * as it is created, so a refusal names the first input that goes over; nothing is counted until
 * every input is accepted (`commit`), so a refused request spends nobody's allowance.
 */
export class RecipientCaps {
  private readonly pending = new Map<string, number>();
  private readonly firstInputOf = new Map<string, { index: number; path: RecipientReached["path"] }>();

  constructor(
    private readonly callerKey: string,
    private readonly locate: (index: number, error: FieldError) => FieldError,
  ) {}

  /** Adds input `index`'s recipients; throws 429, naming the field, when one of them would go over. */
  add(index: number, reached: RecipientReached[]): void {
    for (const { key, path } of reached) {
      const capKey = `${this.callerKey}|${key}`;
      const uses = (this.pending.get(capKey) ?? 0) + 1;
      this.pending.set(capKey, uses);
      if (!this.firstInputOf.has(capKey)) this.firstInputOf.set(capKey, { index, path });
      if (uses > recipientLimiter.remaining(capKey)) {
        throw rateLimitedError(message, recipientLimiter.retryAfterSeconds(capKey), [
          this.locate(index, { path, message }),
        ]);
      }
    }
  }

  /**
   * Counts every recipient at once, or throws 429 when another request in this process took the
   * room meanwhile. Returns how to give the uses back if the request fails after all.
   */
  commit(): () => void {
    const result = recipientLimiter.consumeAll(this.pending);
    if (result.allowed) return result.release;
    const { index, path } = this.firstInputOf.get(result.key)!;
    throw rateLimitedError(message, result.retryAfterSeconds, [this.locate(index, { path, message })]);
  }
}
