import type { Delivery } from "@/db/schema";
import type { SmsResponse } from "./contract";

/** What a text is made of: its notification's fields and its one delivery. */
export type SmsParts = {
  id: string;
  userId: string | null;
  personId: string | null;
  message: string | null;
  sendAt: Date | null;
  createdAt: Date;
  delivery: Pick<Delivery, "status" | "sentAt" | "completedAt" | "error"> | undefined;
};

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export function toSmsResponse(parts: SmsParts): SmsResponse {
  return {
    id: parts.id,
    status: parts.delivery?.status ?? "pending",
    personId: parts.personId,
    userId: parts.userId,
    message: parts.message ?? "",
    sendAt: iso(parts.sendAt),
    createdAt: parts.createdAt.toISOString(),
    sentAt: iso(parts.delivery?.sentAt),
    completedAt: iso(parts.delivery?.completedAt),
    error: parts.delivery?.error ?? null,
  };
}
