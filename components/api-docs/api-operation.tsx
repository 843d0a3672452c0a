import type { oas31 } from "zod-openapi";

type Props = { path: string; method: string; operation: oas31.OperationObject };

/** One operation: summary, parameters, request body and responses, with schemas shown as JSON. */
export function ApiOperation({ path, method, operation }: Props) {
  const parameters = (operation.parameters ?? []) as oas31.ParameterObject[];
  const body = operation.requestBody as oas31.RequestBodyObject | undefined;
  return (
    <section aria-label={`${method.toUpperCase()} ${path}`} className="border-2 border-border p-4">
      <h3 className="text-lg font-bold">
        <span className="mr-2 bg-ink px-2 py-0.5 font-mono text-sm text-white">{method.toUpperCase()}</span>
        <code>{path}</code>
      </h3>
      {operation.summary ? <p className="mt-1 font-semibold">{operation.summary}</p> : null}
      {operation.description ? <p className="mt-1">{operation.description}</p> : null}
      {parameters.length > 0 ? (
        <>
          <h4 className="mt-3 font-semibold">Parameters</h4>
          <ul className="list-disc pl-6">
            {parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`}>
                <code>{parameter.name}</code> ({parameter.in}
                {parameter.required ? ", required" : ""}){parameter.description ? `: ${parameter.description}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {body ? <SchemaBlock title="Request body" content={body.content} /> : null}
      <h4 className="mt-3 font-semibold">Responses</h4>
      <ul className="list-disc pl-6">
        {Object.entries(operation.responses ?? {}).map(([status, response]) => (
          <li key={status}>
            <span className="font-mono">{status}</span> {(response as oas31.ResponseObject).description}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SchemaBlock({ title, content }: { title: string; content: oas31.ContentObject }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold">{title}</summary>
      {Object.entries(content).map(([type, media]) => (
        <div key={type}>
          <p className="text-sm text-muted">{type}</p>
          <pre className="overflow-x-auto bg-panel p-2 text-sm">{JSON.stringify(media.schema, null, 2)}</pre>
        </div>
      ))}
    </details>
  );
}
