import type { KeyType } from "./api-keys";
import type { Personalisation } from "./personalisation";
import type { TimelineStep } from "./status-progression";
import type { Postage, TemplateType } from "./templates";

/** A notification as the simulator keeps it; times are microseconds since the epoch. */
export type StoredNotification = {
  id: string;
  serviceId: string;
  keyType: KeyType;
  type: TemplateType;
  templateId: string;
  templateVersion: number;
  reference: string | null;
  /** The recipient as submitted (trimmed); null for letters. */
  to: string | null;
  personalisation: Personalisation;
  body: string;
  subject: string | null;
  createdAt: number;
  timeline: TimelineStep[];
  postage: Postage | null;
  oneClickUnsubscribeUrl: string | null;
  smsFragments: number;
  /** Precompiled letters keep the PDF they were sent. */
  pdf: Buffer | null;
};

/** Where notifications live; pass one store to several simulators to keep them across restarts. */
export type NotificationStore = {
  add(notification: StoredNotification): void;
  find(id: string): StoredNotification | null;
  /** Newest first. */
  all(): readonly StoredNotification[];
  /** Drops notifications created before `createdBefore` (Notify's retention). */
  prune(createdBefore: number): void;
  /** The latest creation time held, so new ones can be kept strictly later. */
  latestCreatedAt(): number;
};

export function createMemoryStore(): NotificationStore {
  let newestFirst: StoredNotification[] = [];
  const byId = new Map<string, StoredNotification>();
  return {
    add(notification) {
      byId.set(notification.id, notification);
      const index = newestFirst.findIndex((existing) => existing.createdAt <= notification.createdAt);
      if (index === -1) newestFirst.push(notification);
      else newestFirst.splice(index, 0, notification);
    },
    find: (id) => byId.get(id) ?? null,
    all: () => newestFirst,
    prune(createdBefore) {
      if (newestFirst.at(-1) === undefined || newestFirst.at(-1)!.createdAt >= createdBefore) return;
      newestFirst = newestFirst.filter((notification) => {
        if (notification.createdAt >= createdBefore) return true;
        byId.delete(notification.id);
        return false;
      });
    },
    latestCreatedAt: () => newestFirst[0]?.createdAt ?? 0,
  };
}
