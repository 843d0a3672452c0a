import type { DeliveryChannel } from "@/db/schema";
import { isFailedDeliveryStatus } from "@/lib/delivery/statuses";
import { channelNames } from "./describe-notification";

type DeliveryLike = { channel: DeliveryChannel; status: string; error: string | null };

/** How each email, text and letter is getting on, in Notify's own words; failures stand out. */
export function DeliveryStatuses({ deliveries }: { deliveries: readonly DeliveryLike[] }) {
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
