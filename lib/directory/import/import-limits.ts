// How large a people import may be: the API route's limit, and the admin page's (whose server
// action body limit, in next.config.mjs, is set to carry a file this size). Safe in the browser.

export const maxImportBytes = 20 * 1024 * 1024;

// Rounded up, so a file just over the limit never reads as the limit itself.
const megabytes = (bytes: number) => `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The import's size, as people read it ("20 MB"). */
export const maxImportSize = megabytes(maxImportBytes);

/** Why a file of this many bytes cannot be imported, or null when its size is fine. */
export function importFileTooLarge(bytes: number): string | null {
  if (bytes <= maxImportBytes) return null;
  return `The file is ${megabytes(bytes)}, larger than the ${maxImportSize} an import takes: split it into smaller files`;
}
