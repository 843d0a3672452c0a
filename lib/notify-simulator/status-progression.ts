import type { TemplateType } from "./templates";
import { toMicroseconds } from "./time";

// Statuses are worked out from timestamps, not moved by timers: each notification carries the
// timeline it will follow from the moment it is created, and its status is the last step whose
// time has come. So a test clock can jump ahead and every read agrees with it.

const internalStatuses = [
  "cancelled",
  "created",
  "sending",
  "sent",
  "delivered",
  "pending",
  "failed",
  "technical-failure",
  "temporary-failure",
  "permanent-failure",
  "pending-virus-check",
  "validation-failed",
  "virus-scan-failed",
  "returned-letter",
] as const;
export type InternalStatus = (typeof internalStatuses)[number];

/** Statuses that set `completed_at` and trigger a delivery-status callback. */
const finalStatuses: ReadonlySet<InternalStatus> = new Set([
  "sent",
  "delivered",
  "failed",
  "technical-failure",
  "temporary-failure",
  "permanent-failure",
  "returned-letter",
  "cancelled",
  "validation-failed",
]);

function isFinalStatus(status: InternalStatus): boolean {
  return finalStatuses.has(status);
}

export type TimelineStep = { status: InternalStatus; at: number };

/** How long each step takes, in milliseconds. */
export type SimulatorTiming = {
  /** email and SMS: created → sending */
  createdToSendingMs: number;
  /** email and SMS: sending → delivered or failed */
  sendingToFinalMs: number;
  /** letters: accepted → received */
  letterAcceptedToReceivedMs: number;
  /** precompiled letters: pending-virus-check → accepted (or validation-failed) */
  virusCheckMs: number;
  /**
   * templated letters: creation → PDF ready. Notify renders the PDF in a Celery task and answers
   * PDFNotReadyError until then, so client code must retry; a few seconds makes it do so.
   */
  templatedLetterPdfMs: number;
};

export const defaultTiming: SimulatorTiming = {
  createdToSendingMs: 200,
  sendingToFinalMs: 1000,
  letterAcceptedToReceivedMs: 1000,
  virusCheckMs: 200,
  templatedLetterPdfMs: 3000,
};

/** The final status a test recipient simulates (notifications-api research_mode_tasks.py). */
export function simulatedOutcome(type: "email" | "sms", normalisedRecipient: string): InternalStatus {
  if (type === "email") {
    if (normalisedRecipient === "temp-fail@simulator.notify") return "temporary-failure";
    if (normalisedRecipient === "perm-fail@simulator.notify") return "permanent-failure";
    return "delivered";
  }
  if (normalisedRecipient.endsWith("7700900003")) return "temporary-failure";
  if (normalisedRecipient.endsWith("7700900002")) return "permanent-failure";
  return "delivered";
}

export function messageTimeline(createdAt: number, outcome: InternalStatus, timing: SimulatorTiming): TimelineStep[] {
  const sendingAt = createdAt + toMicroseconds(timing.createdToSendingMs);
  return [
    { status: "created", at: createdAt },
    { status: "sending", at: sendingAt },
    { status: outcome, at: sendingAt + toMicroseconds(timing.sendingToFinalMs) },
  ];
}

export function letterTimeline(createdAt: number, timing: SimulatorTiming): TimelineStep[] {
  return [
    { status: "sending", at: createdAt },
    { status: "delivered", at: createdAt + toMicroseconds(timing.letterAcceptedToReceivedMs) },
  ];
}

/** Precompiled letters wait for a virus check; content that is not a PDF fails validation. */
export function precompiledLetterTimeline(createdAt: number, isPdf: boolean, timing: SimulatorTiming): TimelineStep[] {
  const checkedAt = createdAt + toMicroseconds(timing.virusCheckMs);
  if (!isPdf) {
    return [
      { status: "pending-virus-check", at: createdAt },
      { status: "validation-failed", at: checkedAt },
    ];
  }
  return [{ status: "pending-virus-check", at: createdAt }, ...letterTimeline(checkedAt, timing)];
}

/** The step reached at `now` (the first step when `now` is earlier than creation). */
export function currentStep(timeline: readonly TimelineStep[], now: number): TimelineStep {
  return timeline.findLast((step) => step.at <= now) ?? timeline[0]!;
}

export function stepTime(timeline: readonly TimelineStep[], status: InternalStatus, now: number): number | null {
  const step = timeline.find((candidate) => candidate.status === status);
  return step && step.at <= now ? step.at : null;
}

/** When the notification reached its final status, or null while it has not. */
export function completedAt(timeline: readonly TimelineStep[], now: number): number | null {
  const step = currentStep(timeline, now);
  return isFinalStatus(step.status) && step.at <= now ? step.at : null;
}

/** When the timeline reaches its final status (whether or not that is in the past). */
export function finalStepTime(timeline: readonly TimelineStep[]): number | null {
  const last = timeline.at(-1)!;
  return isFinalStatus(last.status) ? last.at : null;
}

/** Letters are shown with their own names (`Notification.get_letter_status`). */
export function publicStatus(type: TemplateType, status: InternalStatus): string {
  if (type !== "letter") return status;
  if (status === "created" || status === "sending") return "accepted";
  if (status === "delivered" || status === "returned-letter") return "received";
  return status;
}

const failedStatuses: InternalStatus[] = [
  "technical-failure",
  "temporary-failure",
  "permanent-failure",
  "validation-failed",
  "virus-scan-failed",
  "returned-letter",
];

/** The internal statuses a list filter value stands for (`Notification.substitute_status`). */
export function statusesForFilter(filter: string): InternalStatus[] {
  if (filter === "failed") return failedStatuses;
  if (filter === "accepted") return ["created", "sending"];
  if (filter === "received") return ["delivered"];
  return internalStatuses.filter((status) => status === filter);
}

export const statusFilterValues = [...internalStatuses, "accepted", "received"] as const;
