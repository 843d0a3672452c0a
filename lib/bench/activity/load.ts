import { createHash } from "node:crypto";
import postgres from "postgres";

export type ActivityDataSize = {
  /** Every row in the table, the hot target's included. */
  rows: number;
  /** Ordinary targets; the hot target comes on top. */
  targets: number;
  /** Rows of the one hot target, spread evenly through the table. */
  hotRows: number;
  /** Rows per INSERT statement, so progress can be printed between them. */
  chunkRows: number;
};

const HOT_TARGET_KEY = "hot";
const CREATED_FROM = "2024-01-01T00:00:00Z";
const TWO_YEARS_IN_SECONDS = 730 * 24 * 60 * 60;

/**
 * The uuid the load gives a target: md5 of a fixed text, with the version and variant nibbles set so
 * it passes `z.uuid()` as the API's pagination token and query parsing require.
 */
export function benchTargetId(key: string | number): string {
  const hex = createHash("md5").update(`nc-bench-target:${key}`).digest("hex").split("");
  hex[12] = "4";
  hex[16] = "8";
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

export const hotTargetId = benchTargetId(HOT_TARGET_KEY);

/**
 * Loads the activities set-based, in chunks on two connections (the machine has two cores). Rows go in
 * created_at order, as a live table fills, so the hot target's rows sit on pages all through the heap
 * rather than side by side, and the indexes the migrations made are kept during the load, so they
 * are shaped by inserts as they would be in production.
 */
export async function loadActivities(
  url: string,
  size: ActivityDataSize,
  onChunk: (loadedRows: number) => void,
): Promise<void> {
  if (size.rows % size.hotRows !== 0) throw new Error("rows must be a multiple of hotRows");
  const client = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const chunks: Array<[number, number]> = [];
    for (let low = 1; low <= size.rows; low += size.chunkRows)
      chunks.push([low, Math.min(size.rows, low + size.chunkRows - 1)]);
    let loaded = 0;
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await insertChunk(client, size, chunk[0], chunk[1]);
        loaded += chunk[1] - chunk[0] + 1;
        onChunk(loaded);
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Row g (1-based) belongs to the hot target when g is a multiple of rows / hotRows; the others are
 * numbered without the hot rows and dealt round the ordinary targets, so each gets the same share.
 */
async function insertChunk(client: postgres.Sql, size: ActivityDataSize, low: number, high: number): Promise<void> {
  const hotEvery = size.rows / size.hotRows;
  const secondsPerRow = TWO_YEARS_IN_SECONDS / size.rows;
  await client`
    insert into activities (id, target_type, target_id, type, created_at, old_data, new_data, author_details, source_domain)
    select
      overlay(overlay(md5('nc-bench-activity:' || g) placing '4' from 13) placing '8' from 17)::uuid,
      case when hot then 'tenure' else (array['tenure', 'person', 'asset', 'workOrder'])[target % 4 + 1] end::activity_target_type,
      overlay(overlay(md5('nc-bench-target:' || case when hot then ${HOT_TARGET_KEY} else target::text end) placing '4' from 13) placing '8' from 17)::uuid,
      case when g % 20 = 1 then 'create' else 'update' end::activity_type,
      ${CREATED_FROM}::timestamptz + make_interval(secs => (g - 1) * ${secondsPerRow}::float8),
      case when g % 20 <> 1 then jsonb_build_object(
        'status', (array['reported', 'in progress', 'on hold', 'completed'])[g % 4 + 1],
        'priority', g % 5,
        'note', 'Kitchen tap leaking, visit ' || g % 97) end,
      jsonb_build_object(
        'status', (array['in progress', 'on hold', 'completed', 'closed'])[g % 4 + 1],
        'priority', (g + 1) % 5,
        'note', 'Contractor booked for slot ' || g % 89,
        'updatedBy', 'repairs'),
      jsonb_build_object('fullName', 'Housing Officer ' || g % 500, 'email', 'officer' || g % 500 || '@council.gov.uk'),
      'housing'
    from generate_series(${low}::bigint, ${high}::bigint) as g
    cross join lateral (
      select g % ${hotEvery}::bigint = 0 as hot, (g - g / ${hotEvery}::bigint) % ${size.targets}::bigint as target
    ) as placement`;
}

export type TableFacts = { rows: number; hotRows: number; tableSize: string; indexesSize: string };

/**
 * VACUUM as well as ANALYZE: autovacuum would have set the visibility map and hint bits on a live
 * table, and without them the first reads would pay for writing hint bits.
 */
export async function vacuumAndDescribe(url: string): Promise<TableFacts> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`vacuum (analyze) activities`;
    const [facts] = await client<Array<{ rows: string; hot_rows: string; table_size: string; indexes_size: string }>>`
      select
        (select count(*) from activities) as rows,
        (select count(*) from activities where target_id = ${hotTargetId}::uuid) as hot_rows,
        pg_size_pretty(pg_table_size('activities')) as table_size,
        pg_size_pretty(pg_indexes_size('activities')) as indexes_size`;
    if (!facts) throw new Error("Could not describe the activities table");
    return {
      rows: Number(facts.rows),
      hotRows: Number(facts.hot_rows),
      tableSize: facts.table_size,
      indexesSize: facts.indexes_size,
    };
  } finally {
    await client.end({ timeout: 5 });
  }
}
