/**
 * Whether a string has a uuid's 8-4-4-4-12 hexadecimal shape, in either letter case. Looser than
 * zod's z.uuid() on purpose: it does not insist on a version or variant digit, so ids the council's
 * systems made by other means (and the all-zero uuid, where a caller refuses it separately) still read as ids.
 */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
