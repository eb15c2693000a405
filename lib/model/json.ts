/**
 * Reading plain JSON-like data by path.
 *
 * @module
 */

/** The value at a dotted path of plain objects, or `undefined`. */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
