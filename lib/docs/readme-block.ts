import fs from "node:fs";
import path from "node:path";

// Parts of README.md written from code (the settings and security tables) sit between HTML comment
// markers; a drift test per block compares the README with what the code would write.

export type MarkedBlock = { start: string; end: string; render: () => string };

/** The README's current block, markers included; throws when the markers are missing. */
export function findMarkedBlock(readme: string, block: MarkedBlock): string {
  const start = readme.indexOf(block.start);
  const end = readme.indexOf(block.end, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${block.start} … ${block.end} block`);
  return readme.slice(start, end + block.end.length);
}

/** The README with the block replaced by what the code renders now. */
export function withMarkedBlock(readme: string, block: MarkedBlock): string {
  return readme.replace(findMarkedBlock(readme, block), block.render());
}

/** For the docs:* scripts: rewrites the block in the repository's README.md and says what it did. */
export function rewriteReadmeBlock(block: MarkedBlock, name: string): void {
  const readmePath = path.resolve(import.meta.dirname, "../../README.md");
  const readme = fs.readFileSync(readmePath, "utf8");
  const updated = withMarkedBlock(readme, block);
  if (updated === readme) {
    process.stdout.write(`README.md: ${name} up to date\n`);
    return;
  }
  fs.writeFileSync(readmePath, updated);
  process.stdout.write(`README.md: ${name} rewritten\n`);
}
