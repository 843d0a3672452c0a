import type { Metadata } from "next";
import { IssueApiClientForm } from "@/components/admin/issue-api-client-form";
import { ApiClientsTable } from "@/components/admin/api-clients-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { listApiClients } from "@/lib/auth/api-clients";
import { mayAdminister } from "@/lib/auth/policies";
import { scopeDescriptions } from "@/lib/auth/permissions";
import { allScopes } from "@/lib/auth/scopes";
import { authorizePage } from "@/lib/next-bridge/authorize-page";
import { requirePerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "API clients" };
export const dynamic = "force-dynamic";

export default async function ApiClientsPage() {
  const person = await requirePerson("/admin/api-clients");
  authorizePage(person, mayAdminister);
  const clients = await listApiClients(await getDb());
  return (
    <>
      <PageHeading caption="Administration">API clients</PageHeading>
      <p className="mb-8 max-w-3xl text-lg">
        Other council services call the API with a key issued here. A key is shown once, when it is issued, and is
        stored only as a hash. Revoking a key stops it working at once.
      </p>
      {clients.length > 0 ? (
        <ApiClientsTable clients={clients} />
      ) : (
        <EmptyState title="No API clients yet">
          <p>Issue a key below for the first service that will send notifications.</p>
        </EmptyState>
      )}
      <IssueApiClientForm scopes={allScopes.map((scope) => ({ scope, description: scopeDescriptions[scope] }))} />
    </>
  );
}
