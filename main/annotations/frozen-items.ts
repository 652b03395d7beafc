import type { Annotation } from './model.js';

// How the store holds annotations: frozen (they are shared with callers, who must not change the
// store's state behind its back), with their compact JSON cached (so writing the file or a journal
// line re-serialises only what changed, and sizes are known without serialising again).

const jsonCache = new WeakMap<Annotation, string>();

/** The compact JSON of a frozen annotation, computed once. */
export function jsonOf(a: Annotation): string {
  let json = jsonCache.get(a);
  if (json === undefined) {
    json = JSON.stringify(a);
    jsonCache.set(a, json);
  }
  return json;
}

/** Bytes an item takes in the compact annotations file (plus its separating comma). */
export function sizeOf(a: Annotation): number {
  return Buffer.byteLength(jsonOf(a)) + 1;
}

/** Freeze `value` and everything in it (for…in and index loops: nothing is allocated per object). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const child = o[k];
      if (child !== null && typeof child === 'object') deepFreeze(child);
    }
  }
  return value;
}
