"use client";

import { useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import Link from "next/link";
import { importPeopleAction, type ImportState } from "@/app/admin/people/import/actions";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { controlClasses } from "@/components/ui/field";
import { errorId, FieldError, groupClasses, hintId } from "@/components/ui/field-error";
import { Table, type TableColumn } from "@/components/ui/table";
import type { ImportResult } from "@/lib/directory/import/import-people";
import { importFileTooLarge } from "@/lib/directory/import/import-limits";
import { changeCount, describeImportValue } from "@/lib/directory/import/import-preview";

const fileId = "import-file";
/** The preview lists this many changed lines; the counts above it cover the whole file. */
const shownLines = 500;

type Line = ImportResult["lines"][number];

const outcomeNames: Record<Line["outcome"], string> = { created: "Add", updated: "Change", unchanged: "No change" };

const columns: TableColumn<Line>[] = [
  { header: "Line", numeric: true, cell: (line) => line.line },
  { header: "Name", rowHeader: true, cell: (line) => line.name },
  { header: "Change", cell: (line) => outcomeNames[line.outcome] },
  {
    header: "Details",
    className: "text-sm",
    cell: (line) => (
      <ul>
        {Object.entries(line.changes).map(([field, { from, to }]) => (
          <li key={field}>
            <span className="font-bold">{field}</span>:{" "}
            {line.outcome === "created"
              ? describeImportValue(to)
              : `${describeImportValue(from)} → ${describeImportValue(to)}`}
          </li>
        ))}
      </ul>
    ),
  },
];

/** Upload, preview what would change, then import: two forms, one action, the step in the form. */
export function ImportPeopleForm({ columnsHint }: { columnsHint: string }) {
  const [state, formAction, pending] = useActionState<ImportState, FormData>(importPeopleAction, { status: "idle" });
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  // A new preview or result is announced by moving focus to its heading, once per answer.
  useEffect(() => {
    if (state.status === "preview" || state.status === "imported") outcomeRef.current?.focus();
  }, [state]);
  // A file past the import's size is refused here, before it is sent: the server would refuse its body.
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const refusal = useMemo(
    () => (tooLarge ? { headline: tooLarge, problems: [] } : state.status === "refused" ? state.refusal : null),
    [tooLarge, state],
  );
  const problems = useMemo(
    () => (refusal ? refusal.problems.map((message) => ({ fieldId: fileId, message })) : []),
    [refusal],
  );

  return (
    <>
      <form action={formAction} onSubmit={refuseTooLarge(setTooLarge)} className="mb-10 grid max-w-2xl gap-6">
        {refusal ? (
          <ErrorSummary errors={problems}>
            <p>{refusal.headline}</p>
          </ErrorSummary>
        ) : null}
        <input type="hidden" name="step" value="preview" />
        <div className={`flex flex-col gap-1 ${groupClasses(refusal?.headline)}`}>
          <label htmlFor={fileId} className="text-lg font-bold">
            CSV file
          </label>
          <p id={hintId(fileId)} className="text-muted">
            {columnsHint}
          </p>
          {refusal ? <FieldError fieldId={fileId}>{refusal.headline}</FieldError> : null}
          <input
            id={fileId}
            type="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={refusal ? `${hintId(fileId)} ${errorId(fileId)}` : hintId(fileId)}
            aria-invalid={refusal ? true : undefined}
            className={controlClasses(Boolean(refusal))}
          />
        </div>
        <div>
          <Button type="submit" variant={state.status === "preview" ? "secondary" : "primary"} disabled={pending}>
            {pending ? "Checking…" : "Preview changes"}
          </Button>
        </div>
      </form>

      {state.status === "preview" ? (
        <Preview state={state} pending={pending} formAction={formAction} headingRef={outcomeRef} />
      ) : null}
      {state.status === "imported" ? (
        <section aria-labelledby="import-outcome" role="status" className="max-w-2xl border-4 border-success p-4">
          <h2 id="import-outcome" ref={outcomeRef} tabIndex={-1} className="mb-2 text-2xl font-bold">
            {state.fileName} imported
          </h2>
          <p className="mb-2 text-lg">
            {state.created} added, {state.updated} changed, {state.unchanged} already up to date.
          </p>
          <Link href="/admin/people">Back to people</Link>
        </section>
      ) : null}
    </>
  );
}

function Preview({
  state,
  pending,
  formAction,
  headingRef,
}: {
  state: Extract<ImportState, { status: "preview" }>;
  pending: boolean;
  formAction: (form: FormData) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { preview } = state;
  const changes = changeCount(preview);
  const changed = preview.lines.filter((line) => line.outcome !== "unchanged");
  return (
    <section aria-labelledby="import-preview">
      <h2 id="import-preview" ref={headingRef} tabIndex={-1} className="mb-2 text-2xl font-bold">
        Preview of {state.fileName}
      </h2>
      {state.note ? <p className="mb-4 border-l-4 border-danger pl-3 font-bold">{state.note}</p> : null}
      <p className="mb-4 text-lg">
        Nothing has changed yet. Importing would add {preview.created}, change {preview.updated} and leave{" "}
        {preview.unchanged} as they are.
      </p>
      {changed.length > 0 ? (
        <Table
          caption={
            changed.length > shownLines ? `The first ${shownLines} of ${changed.length} changes` : "What would change"
          }
          columns={columns}
          rows={changed.slice(0, shownLines)}
          rowKey={(line) => String(line.line)}
          className="mb-6"
        />
      ) : null}
      {changes > 0 ? (
        <form action={formAction}>
          <input type="hidden" name="step" value="import" />
          <input type="hidden" name="csv" value={state.csv} />
          <input type="hidden" name="fileName" value={state.fileName} />
          <input type="hidden" name="fingerprint" value={state.fingerprint} />
          <Button type="submit" disabled={pending}>
            {pending ? "Importing…" : `Import ${changes} ${changes === 1 ? "change" : "changes"}`}
          </Button>
        </form>
      ) : (
        <p className="text-lg font-bold">Nothing to import: every row matches the directory already.</p>
      )}
    </section>
  );
}

/** Checks the chosen file's size before the form posts it, showing why a file is too large. */
function refuseTooLarge(show: (message: string | null) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const message = file ? importFileTooLarge(file.size) : null;
    show(message);
    if (message) event.preventDefault();
  };
}
