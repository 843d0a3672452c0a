"use client";

import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { inboxSearchParams, type InboxFilters } from "@/components/notifications/queries/notification-keys";
import { hasFilters } from "@/components/notifications/queries/read-inbox-filters";
import { targetTypeNames } from "@/lib/activity/target-type-names";
import { categories } from "@/lib/rules/categories";

const categoryOptions = categories.map((category) => ({ value: category.key, label: category.name }));
const targetTypeOptions = Object.entries(targetTypeNames).map(([value, label]) => ({ value, label }));

/** Category, record type, dates and text: applied by changing the URL, so the view can be shared. */
export function InboxFiltersForm({ filters }: { filters: InboxFilters }) {
  const router = useRouter();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => (form.get(name) as string | null)?.trim() || undefined;
    const query = inboxSearchParams({
      status: filters.status,
      category: value("category"),
      targetType: value("targetType"),
      from: value("from"),
      to: value("to"),
      q: value("q"),
    }).toString();
    router.push(query ? `/?${query}` : "/");
  };
  const filtered = hasFilters(filters);
  return (
    <form
      role="search"
      aria-label="Filter notifications"
      onSubmit={apply}
      className="grid grid-cols-1 gap-3 bg-panel p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <Field id="inbox-q" label="Search messages" className="sm:col-span-2 lg:col-span-3">
        {(control) => <input {...control} name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />}
      </Field>
      <SelectField
        id="inbox-category"
        name="category"
        label="Category"
        anyLabel="All categories"
        options={categoryOptions}
        defaultValue={filters.category}
      />
      <SelectField
        id="inbox-target-type"
        name="targetType"
        label="About"
        anyLabel="Any record"
        options={targetTypeOptions}
        defaultValue={filters.targetType}
      />
      <div className="grid min-w-0 gap-3 min-[360px]:grid-cols-2">
        <Field id="inbox-from" label="From">
          {(control) => <input {...control} name="from" type="date" defaultValue={filters.from ?? ""} />}
        </Field>
        <Field id="inbox-to" label="To">
          {(control) => <input {...control} name="to" type="date" defaultValue={filters.to ?? ""} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {filtered ? (
          <a href={filters.status === "all" ? "/" : `/?status=${filters.status}`} className="font-semibold">
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
