import { revokeApiClientAction } from "@/app/admin/api-clients/actions";
import { Button } from "@/components/ui/button";
import type { ApiClientSummary } from "@/lib/auth/api-clients";
import { formatDateTime } from "@/lib/format/dates";

export function ApiClientsTable({ clients }: { clients: ApiClientSummary[] }) {
  return (
    <div className="mb-10 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-xl font-bold">Issued keys</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="py-2 pr-4">
              Client
            </th>
            <th scope="col" className="py-2 pr-4">
              Key starts
            </th>
            <th scope="col" className="py-2 pr-4">
              Scopes
            </th>
            <th scope="col" className="py-2 pr-4">
              Last used
            </th>
            <th scope="col" className="py-2 pr-4">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.id} className="border-b border-border align-top">
              <th scope="row" className="py-3 pr-4 font-semibold">
                {client.name}
              </th>
              <td className="py-3 pr-4 font-mono text-sm">{client.keyPrefix}…</td>
              <td className="py-3 pr-4 text-sm">{client.scopes.join(", ")}</td>
              <td className="py-3 pr-4 text-sm">{client.lastUsedAt ? formatDateTime(client.lastUsedAt) : "Never"}</td>
              <td className="py-3 pr-4">
                {client.revokedAt ? (
                  <span>Revoked {formatDateTime(client.revokedAt)}</span>
                ) : (
                  <form action={revokeApiClientAction}>
                    <input type="hidden" name="id" value={client.id} />
                    <Button type="submit" variant="warning" aria-label={`Revoke ${client.name}`}>
                      Revoke
                    </Button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
