"use client";

import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { SelectField, type SelectFilter } from "@/components/ui/select-field";
import { inboxSearchParams } from "@/components/notifications/queries/notification-keys";
import { hasFilters, type InboxFilters } from "@/components/notifications/queries/read-inbox-filters";
import { targetTypeNames } from "@/lib/activity/target-type-names";
import { categories } from "@/lib/rules/categories";

const selects: SelectFilter<"category" | "targetType">[] = [
  {
    name: "category",
    label: "Category",
    anyLabel: "All categories",
    options: categories.map((category) => ({ value: category.key, label: category.name })),
  },
  {
    name: "targetType",
    label: "About",
    anyLabel: "Any record",
    options: Object.entries(targetTypeNames).map(([value, label]) => ({ value, label })),
  },
];

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
  // Clearing keeps the tab: the filters narrow a view, they do not choose it.
  const unfiltered = filters.status === "all" ? "/" : `/?status=${filters.status}`;
  return (
    <FilterForm label="Filter notifications" onSubmit={apply} clearHref={hasFilters(filters) ? unfiltered : undefined}>
      <Field id="inbox-q" label="Search messages" className="sm:col-span-2 lg:col-span-3">
        {(control) => <input {...control} name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />}
      </Field>
      {selects.map((select) => (
        <SelectField key={select.name} id={`inbox-${select.name}`} {...select} defaultValue={filters[select.name]} />
      ))}
      <div className="grid min-w-0 gap-3 min-[360px]:grid-cols-2">
        <Field id="inbox-from" label="From">
          {(control) => <input {...control} name="from" type="date" defaultValue={filters.from ?? ""} />}
        </Field>
        <Field id="inbox-to" label="To">
          {(control) => <input {...control} name="to" type="date" defaultValue={filters.to ?? ""} />}
        </Field>
      </div>
    </FilterForm>
  );
}
