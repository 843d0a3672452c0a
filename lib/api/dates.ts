import { z } from "zod";

// ISO 8601 and zod accept year 0000; Postgres has no year 0 (1 BC is followed by AD 1) and would
// fail the query. Refusing it here keeps such input a 400 with the field's own message.
const notYearZero = (value: string) => !value.startsWith("0000");

/** A calendar day, YYYY-MM-DD. */
export const isoDate = (message: string) => z.iso.date(message).refine(notYearZero, message);

/** An ISO 8601 date and time with a zone offset or Z. */
export const isoDateTime = (message: string) => z.iso.datetime({ offset: true, message }).refine(notYearZero, message);
