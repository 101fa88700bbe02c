/**
 * The id of the feature credit entry a plan association grants for one cycle. Stable, so granting
 * again is a no-op; it starts with `<association>#`, so the ledger finds an association's entries
 * by prefix; and it fits Togai's FeatureCreditEntry.id (at most 50 characters), which the first
 * form, `<association>#<cycle start ISO>#<feature>$PRICE_PLAN`, did not (≈ 80).
 */
export const MAX_ENTRY_ID = 50;

export function planGrantId(associationId: string, cycleStart: number, featureId: string): string {
  const head = `${associationId}#${Math.floor(cycleStart / 1000).toString(36)}#`;
  const feature = featureId.startsWith('feat.') ? featureId.slice('feat.'.length) : featureId;
  const id = `${head}${feature}`;
  return id.length <= MAX_ENTRY_ID ? id : `${head}${fnv1a64(featureId)}`.slice(0, MAX_ENTRY_ID);
}

const LEGACY = /^(.+)#(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(.+)\$PRICE_PLAN$/;

/**
 * The id an entry granted under the first form has today: ledgers granted before the change keep
 * those entries, and must not be granted the same cycle again under the new id.
 */
export function currentPlanGrantId(entryId: string): string {
  const legacy = LEGACY.exec(entryId);
  return legacy ? planGrantId(legacy[1]!, Date.parse(legacy[2]!), legacy[3]!) : entryId;
}

/** FNV-1a, 64 bits, in base 36: short, stable and synchronous (an id, not a secret). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(36);
}
