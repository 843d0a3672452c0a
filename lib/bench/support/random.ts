/** `count` distinct items picked at random (Fisher–Yates), to spread load over many people, not a hot few. */
export function pickRandom<T>(items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy.slice(0, count);
}

export function randomItem<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error("randomItem needs at least one item");
  return items[Math.floor(Math.random() * items.length)]!;
}
