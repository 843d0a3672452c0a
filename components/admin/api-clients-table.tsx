import { revokeApiClientAction } from "@/app/admin/api-clients/actions";
import { Button } from "@/components/ui/button";
import { Table, type TableColumn } from "@/components/ui/table";
import type { ApiClientSummary } from "@/lib/auth/api-clients";
import { formatDateTime } from "@/lib/format/dates";

const columns: TableColumn<ApiClientSummary>[] = [
  { header: "Client", rowHeader: true, cell: (client) => client.name },
  {
    header: "Organisation",
    // Party ids under the organisation: both are what the client's subscriptions show.
    cell: (client) =>
      client.organisation || client.partyIds.length > 0
        ? [client.organisation, client.partyIds.length > 0 ? `Parties: ${client.partyIds.join(", ")}` : null]
            .filter(Boolean)
            .join(" · ")
        : "–",
    className: "text-sm",
  },
  { header: "Key starts", cell: (client) => `${client.keyPrefix}…`, className: "font-mono text-sm" },
  { header: "Scopes", cell: (client) => client.scopes.join(", "), className: "text-sm" },
  {
    header: "Last used",
    cell: (client) => (client.lastUsedAt ? formatDateTime(client.lastUsedAt) : "Never"),
    className: "text-sm",
  },
  {
    header: "Status",
    cell: (client) =>
      client.revokedAt ? (
        <span>Revoked {formatDateTime(client.revokedAt)}</span>
      ) : (
        <form action={revokeApiClientAction}>
          <input type="hidden" name="id" value={client.id} />
          {/* Named "Revoke <client>": the visible word first, which key after it (WCAG 2.5.3). */}
          <Button type="submit" variant="warning">
            Revoke<span className="sr-only"> {client.name}</span>
          </Button>
        </form>
      ),
  },
];

export function ApiClientsTable({ clients }: { clients: ApiClientSummary[] }) {
  return (
    <Table caption="Issued keys" columns={columns} rows={clients} rowKey={(client) => client.id} className="mb-10" />
  );
}
