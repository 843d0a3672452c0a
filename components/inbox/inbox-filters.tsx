"use client";

import { useRouter } from "next/navigation";
import { type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldClasses, SelectField } from "@/components/ui/select-field";
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
      <div className="flex min-w-0 flex-col gap-1 sm:col-span-2 lg:col-span-3">
        <label htmlFor="inbox-q" className="font-bold">
          Search messages
        </label>
        <input
          id="inbox-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          maxLength={200}
          className={fieldClasses}
        />
      </div>
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
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="inbox-from" className="font-bold">
            From
          </label>
          <input id="inbox-from" name="from" type="date" defaultValue={filters.from ?? ""} className={fieldClasses} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="inbox-to" className="font-bold">
            To
          </label>
          <input id="inbox-to" name="to" type="date" defaultValue={filters.to ?? ""} className={fieldClasses} />
        </div>
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
