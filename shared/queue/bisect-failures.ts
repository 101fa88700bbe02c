/**
 * Finds the items to blame for a failed batch by halving it (docs/design.md §12: a poison event fails
 * alone). `attempt` is tried on each half; a half that succeeds is done, a failing one is split
 * again, down to single items, which go to `blame` with their error. k culprits among n items
 * cost O(k log n) attempts, where trying each item alone would cost n — a queue batch can carry
 * tens of thousands of events, far more than one consumer invocation can afford one by one.
 * The caller has already seen the whole batch fail, with `batchError`. Returns the number of
 * attempts made.
 */
export async function bisectFailures<T>(
  items: T[],
  batchError: unknown,
  attempt: (part: T[]) => Promise<void>,
  blame: (item: T, error: unknown) => Promise<void>,
): Promise<number> {
  if (items.length <= 1) {
    if (items.length === 1) {
      await blame(items[0]!, batchError);
    }
    return 0;
  }
  let attempts = 0;
  const tryPart = async (part: T[]): Promise<void> => {
    attempts++;
    try {
      await attempt(part);
    } catch (error) {
      if (part.length === 1) {
        return blame(part[0]!, error);
      }
      await split(part);
    }
  };
  const split = async (part: T[]) => {
    const middle = Math.ceil(part.length / 2);
    await tryPart(part.slice(0, middle));
    await tryPart(part.slice(middle));
  };
  await split(items);
  return attempts;
}
