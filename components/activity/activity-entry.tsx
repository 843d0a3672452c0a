import type { Activity } from "@/db/schema";
import { describeActivity, noEntry } from "@/lib/activity/describe-change";
import { formatDateTime } from "@/lib/format/dates";

export function ActivityEntry({ activity }: { activity: Activity }) {
  const description = describeActivity(activity);
  return (
    <article aria-labelledby={`entry-${activity.id}`} className="border-l-4 border-border py-1 pl-4">
      <h3 id={`entry-${activity.id}`} className="text-lg font-bold">
        {description.category}
      </h3>
      <p className="text-sm text-muted">
        <time dateTime={activity.createdAt.toISOString()}>{formatDateTime(activity.createdAt)}</time> by{" "}
        {authorLabel(activity)}
        {activity.sourceDomain ? ` · ${activity.sourceDomain}` : ""}
      </p>
      {description.summary ? <p className="mt-1">{description.summary}</p> : null}
      {description.details ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4">
          {description.details.rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-semibold">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {description.changes.length > 0 ? (
        <ul className="mt-1 grid gap-2">
          {description.changes.map((change) => (
            <li key={change.label}>
              <span className="font-semibold">{change.label}</span>
              {activity.type === "create" && change.previously === noEntry ? (
                <span>: {change.changedTo}</span>
              ) : (
                <>
                  <br />
                  Previously: <b>{change.previously}</b>
                  <br />
                  Changed to: <b>{change.changedTo}</b>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** "Jane Smith, via housing-frontend" when the author (a client) acted for someone; otherwise the author. */
function authorLabel({ authorDetails, onBehalfOf }: Pick<Activity, "authorDetails" | "onBehalfOf">): string {
  return onBehalfOf ? `${onBehalfOf.fullName}, via ${authorDetails.fullName}` : authorDetails.fullName;
}
