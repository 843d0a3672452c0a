import { currentStep, finalStepTime, stepTime } from "./status-progression";
import type { StoredNotification } from "./store";
import { formatNotifyTimestamp, formatOptionalTimestamp, toMicroseconds, type Clock } from "./time";

// Delivery-status callbacks (notifications-api app/celery/service_callback_tasks.py): when an
// email or SMS reaches its final status, POST its status to the service's callback URL with the
// service's bearer token. Retried on network errors, 5xx and 429; other 4xx are not retried.
// A failing callback is only ever logged: it never reaches the request that created the message.

export type CallbackOptions = {
  url: string;
  bearerToken: string;
  /** Notify retries 5 times, 300 s apart; the simulator defaults to 5 times, 1 s apart. */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
};

export type CallbackAttempt = {
  notificationId: string;
  attempt: number;
  /** The HTTP status the callback URL answered, or null when the request itself failed. */
  status: number | null;
  error: string | null;
};

export type CallbackDispatcher = {
  track(notification: StoredNotification): void;
  /** Sends the callbacks whose notifications have reached a final status by the clock's time. */
  dispatchDue(): void;
  setTarget(options: CallbackOptions | null): void;
  /** Resolves once no callback is being sent or waiting to be retried. */
  idle(): Promise<void>;
  close(): void;
  readonly attempts: readonly CallbackAttempt[];
};

const maxLoggedAttempts = 1000;

function deliveryStatusPayload(notification: StoredNotification, now: number) {
  return {
    id: notification.id,
    reference: notification.reference,
    to: notification.to,
    status: currentStep(notification.timeline, now).status,
    created_at: formatNotifyTimestamp(notification.createdAt),
    completed_at: formatOptionalTimestamp(finalStepTime(notification.timeline)),
    sent_at: formatOptionalTimestamp(stepTime(notification.timeline, "sending", now)),
    notification_type: notification.type,
    template_id: notification.templateId,
    template_version: notification.templateVersion,
  };
}

function shouldRetry(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

export function createCallbackDispatcher(clock: Clock, initialTarget: CallbackOptions | null): CallbackDispatcher {
  let target = initialTarget;
  let closed = false;
  const due = new Map<string, { notification: StoredNotification; at: number }>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  const attempts: CallbackAttempt[] = [];

  const later = (milliseconds: number, run: () => void) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        run();
      },
      Math.max(1, milliseconds),
    );
    timer.unref();
    timers.add(timer);
  };
  // Ends early on close(); the listener goes when the timer wins, so retries do not pile them up.
  const wait = (milliseconds: number) =>
    new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      abort.signal.addEventListener("abort", onAbort, { once: true });
      later(milliseconds, () => {
        abort.signal.removeEventListener("abort", onAbort);
        resolve();
      });
    });

  // A timer runs on the event loop's cached time, which lags the clock when the process is busy,
  // so it can fire before the notification is due: then it is armed again rather than forgotten.
  const dispatchWhenDue = (id: string, at: number) =>
    later((at - toMicroseconds(clock.now())) / 1000, () => {
      dispatcher.dispatchDue();
      if (due.has(id)) dispatchWhenDue(id, at);
    });

  const log = (attempt: CallbackAttempt) => {
    attempts.push(attempt);
    if (attempts.length > maxLoggedAttempts) attempts.shift();
  };

  async function post(options: CallbackOptions, body: string): Promise<number> {
    const response = await fetch(options.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${options.bearerToken}` },
      body,
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(options.timeoutMs ?? 5000)]),
    });
    await response.body?.cancel();
    return response.status;
  }

  async function send(notification: StoredNotification): Promise<void> {
    const body = JSON.stringify(deliveryStatusPayload(notification, toMicroseconds(clock.now())));
    for (let attempt = 1; !closed && target; attempt += 1) {
      const options = target;
      let status: number | null = null;
      let error: string | null = null;
      try {
        status = await post(options, body);
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      if (closed) return;
      log({ notificationId: notification.id, attempt, status, error });
      if ((status !== null && status < 300) || !shouldRetry(status) || attempt > (options.retries ?? 5)) return;
      await wait(options.retryDelayMs ?? 1000);
    }
  }

  const dispatcher: CallbackDispatcher = {
    track(notification) {
      const finalAt = finalStepTime(notification.timeline);
      if (notification.type === "letter" || finalAt === null || closed) return;
      due.set(notification.id, { notification, at: finalAt });
      dispatchWhenDue(notification.id, finalAt);
    },
    dispatchDue() {
      const now = toMicroseconds(clock.now());
      for (const [id, { notification, at }] of due) {
        if (at > now) continue;
        due.delete(id);
        if (!target || closed) continue;
        const sending = send(notification).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
    },
    setTarget(options) {
      target = options;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
    close() {
      closed = true;
      abort.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      due.clear();
    },
    attempts,
  };
  return dispatcher;
}
