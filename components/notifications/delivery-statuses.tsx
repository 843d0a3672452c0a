import { isFailedDeliveryStatus } from "@/lib/delivery/statuses";
import type { NotificationResponse } from "@/lib/notifications/schemas";
import { channelNames } from "./describe-notification";


/** How each email, text and letter is getting on, in Notify's own words. */
export function DeliveryStatuses({ deliveries }: { deliveries: NotificationResponse["deliveries"] }) {
  if (deliveries.length === 0) return null;
  return (
    <ul aria-label="Deliveries" className="flex flex-wrap gap-2 text-sm">
      {deliveries.map((delivery) => (
        <li
          key={delivery.channel}
          className={`border px-2 py-0.5 ${isFailedDeliveryStatus(delivery.status) ? "border-danger font-semibold text-danger" : "border-border"}`}
        >
          {channelNames[delivery.channel]}: {delivery.status.replaceAll("-", " ")}
          {delivery.error ? ` – ${delivery.error}` : ""}
        </li>
      ))}
    </ul>
  );
}
