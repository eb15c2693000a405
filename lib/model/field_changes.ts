/**
 * Field-by-field changes between two JSON-like values: lists of objects are
 * matched by their `name` (or another identifying key), so a reordered list is
 * no change and a changed item names its key.
 *
 * @module
 */
import { isPlainObject } from "./merge.ts";

/** One field that differs, as a path (`spec.listeners[name=https].port`). */
export interface FieldChange {
  path: string;
  op: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function keyPath(base: string, key: string): string {
  if (PLAIN_KEY.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** The name that identifies list items, when every item on both sides has a unique one. */
function itemKey(before: unknown[], after: unknown[]): string | undefined {
  for (const key of ["name", "sectionName", "interface"]) {
    const named = (items: unknown[]) =>
      items.every((item) => isPlainObject(item) && typeof item[key] === "string") &&
      new Set(items.map((item) => (item as Record<string, unknown>)[key])).size === items.length;
    if (before.length + after.length > 0 && named(before) && named(after)) return key;
  }
  return undefined;
}

/**
 * Lists the fields that differ between two values, as paths. List items are
 * matched by their `name` where every item has a unique one
 * (`listeners[name=https]`), by index otherwise.
 *
 * @example
 * ```ts
 * import { fieldChanges } from "./field_changes.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(
 *   fieldChanges(
 *     { spec: { addresses: [{ value: "192.168.10.50" }] } },
 *     { spec: { addresses: [{ value: "192.168.10.51" }] } },
 *   ),
 *   [{ path: "spec.addresses[0].value", op: "changed", before: "192.168.10.50", after: "192.168.10.51" }],
 * );
 * ```
 */
export function fieldChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, op: "added", after }];
  if (after === undefined) return [{ path, op: "removed", before }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], keyPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = itemKey(before, after);
    if (key === undefined) {
      const length = Math.max(before.length, after.length);
      return Array.from({ length }, (_, i) => fieldChanges(before[i], after[i], `${path}[${i}]`))
        .flat();
    }
    const byName = (items: unknown[]) =>
      new Map(items.map((item) => [(item as Record<string, string>)[key], item]));
    const left = byName(before);
    const right = byName(after);
    const names = [...left.keys(), ...[...right.keys()].filter((name) => !left.has(name))];
    return names.flatMap((name) =>
      fieldChanges(left.get(name), right.get(name), `${path}[${key}=${name}]`)
    );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, op: "changed", before, after }];
}
