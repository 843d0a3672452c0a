import type { Metadata } from "next";
import { ApiOperation } from "@/components/api-docs/api-operation";
import { PageHeading } from "@/components/ui/page-heading";
import { errorCodes } from "@/lib/api/errors";
import { problemType } from "@/lib/api/problem";
import { getOpenApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API documentation" };
export const dynamic = "force-dynamic";

const methods = ["get", "post", "put", "patch", "delete"] as const;

// Rendered on the server from the generated OpenAPI document: no third-party script, readable by screen readers.
export default function ApiDocsPage() {
  const document = getOpenApiDocument();
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => (item?.[method] ? [{ path, method, operation: item[method] }] : [])),
  );
  return (
    <>
      <PageHeading caption={`Version ${document.info.version}`}>{document.info.title}</PageHeading>
      <p className="mb-4 max-w-3xl text-lg">{document.info.description}</p>
      <p className="mb-8">
        Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Authenticate with{" "}
        <code className="bg-panel px-1">Authorization: Bearer &lt;API key&gt;</code> or a signed-in session.
      </p>
      <h2 className="mb-4 text-2xl font-bold">Operations</h2>
      <div className="grid gap-6">
        {operations.map(({ path, method, operation }) => (
          <ApiOperation key={`${method} ${path}`} path={path} method={method} operation={operation} />
        ))}
      </div>
      <h2 className="mb-4 mt-10 text-2xl font-bold">Problem types</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        {Object.entries(errorCodes).map(([code, { status, title }]) => (
          <div key={code} id={problemType(code as keyof typeof errorCodes).split("#")[1]} className="contents">
            <dt className="font-mono">{status}</dt>
            <dd>
              {title} <span className="text-muted">({code})</span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
