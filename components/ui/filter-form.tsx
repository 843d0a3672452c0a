import type { FormHTMLAttributes, ReactNode } from "react";
import { Button } from "./button";

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "role" | "aria-label" | "className" | "children">;

/**
 * The panel of filters above a list: a search landmark with its fields in a grid, then Apply, and
 * Clear once something is filtered. Give it `action` for a plain GET form (filters in the URL, no
 * script needed) or `onSubmit` for one that changes the URL itself.
 */
export function FilterForm({
  label,
  clearHref,
  className = "",
  children,
  ...form
}: FormProps & { label: string; clearHref?: string; className?: string; children: ReactNode }) {
  return (
    <form
      role="search"
      aria-label={label}
      {...form}
      className={`grid grid-cols-1 gap-3 bg-panel p-4 sm:grid-cols-2 lg:grid-cols-3 ${className}`}
    >
      {children}
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {clearHref ? (
          <a href={clearHref} className="font-semibold">
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
