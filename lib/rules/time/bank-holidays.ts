import data from "./bank-holidays-england-and-wales.json";

/**
 * England and Wales bank holidays, substitute days included, from a file kept in the repository
 * (gov.uk's list cannot be fetched at run time from every deployment). bank-holidays.test.ts fails
 * when the file stops covering this year and next, so it is topped up before working time breaks.
 */
const holidaysByYear: Record<string, readonly string[]> = data.years;

export const bankHolidayYears: readonly number[] = Object.keys(holidaysByYear).map(Number);

/** The file has no list for a year working time needs: counting on as if it had no holidays would be silently wrong. */
export class BankHolidaysMissingError extends Error {
  constructor(readonly year: number) {
    super(
      `No England and Wales bank holidays are recorded for ${year}: add them to bank-holidays-england-and-wales.json`,
    );
    this.name = "BankHolidaysMissingError";
  }
}

const all = new Set(Object.values(holidaysByYear).flat());

/** Whether a London calendar date (YYYY-MM-DD) is a bank holiday. */
export function isBankHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (!holidaysByYear[year]) throw new BankHolidaysMissingError(year);
  return all.has(isoDate);
}

export function bankHolidaysIn(year: number): readonly string[] {
  const list = holidaysByYear[year];
  if (!list) throw new BankHolidaysMissingError(year);
  return list;
}
