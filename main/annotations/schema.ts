import { z } from 'zod';
import { freezeCanonical, ISO_DATE, isCanonicalAnnotation, isCanonicalHead } from './canonical.js';
import { deepFreeze } from './frozen-items.js';
import {
  ANCHOR_STATUSES,
  ANNOTATION_CONTEXT,
  type Annotation,
  type AnnotationCollection,
  COLORS,
  JOURNAL_CHECKPOINT,
  MAX_NOTE_LENGTH,
  MOTIVATIONS,
  NOTE_FORMATS,
  SCHEMA_VERSION,
} from './model.js';

// Validation of everything read from disk or imported. Known properties are checked strictly;
// properties other tools add are kept (loose objects) — prototype pollution is excluded before
// validation by `parseJsonSafely`, which rejects any "__proto__", "constructor" or "prototype" key
// at any depth (also when spelled with \u escapes, since the check runs on parsed keys).
//
// Leniency for files written by other W3C tools: `selector` and `body` may be a single object,
// `target` may be a bare IRI, `motivation` may be a one-element array or absent, `created` and
// `modified` may be absent, a TextQuoteSelector alone (with a source) is enough.

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafeJsonError extends Error {}

/** Throws UnsafeJsonError when any object in `value` has a forbidden key. */
export function assertNoForbiddenKeys(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
      const child = (v as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}

/** JSON.parse, then refuse prototype-polluting keys. A leading BOM is ignored. */
export function parseJsonSafely(text: string): unknown {
  const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  assertNoForbiddenKeys(value);
  return value;
}

/** The first and last instants whose year toISOString writes in four digits. */
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

const dateString = z
  .string()
  .regex(ISO_DATE, 'expected an ISO 8601 date-time')
  .refine((s) => {
    // Its offset may carry it past year 9999 or before year 0, which cannot be written back.
    const t = Date.parse(s);
    return t >= FIRST_INSTANT && t <= LAST_INSTANT;
  }, 'not a valid date');

const EPOCH = '1970-01-01T00:00:00.000Z';

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const id = z.string().min(1).max(2048);

export const textPositionSelectorSchema = z
  .looseObject({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.start <= s.end, 'TextPositionSelector start is after end');

export const fragmentSelectorSchema = z.looseObject({
  type: z.literal('FragmentSelector'),
  value: id,
  conformsTo: z.string().max(2048).optional(),
  refinedBy: textPositionSelectorSchema.optional(),
});

export const textQuoteSelectorSchema = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().max(MAX_NOTE_LENGTH),
  prefix: z.string().max(10_000).optional(),
  suffix: z.string().max(10_000).optional(),
});

const KNOWN_SELECTORS = new Set(['FragmentSelector', 'TextQuoteSelector', 'TextPositionSelector']);

/** A selector type we do not use (CssSelector, RangeSelector…): kept verbatim. */
const foreignSelectorSchema = z.looseObject({
  type: z
    .string()
    .max(200)
    .refine((t) => !KNOWN_SELECTORS.has(t), 'malformed selector'),
});

const selectorSchema = z.union([
  fragmentSelectorSchema,
  textQuoteSelectorSchema,
  textPositionSelectorSchema,
  foreignSelectorSchema,
]);

export const targetSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { source: v, selector: [] } : v),
  z.looseObject({
    source: id,
    selector: z.preprocess(asArray, z.array(selectorSchema).max(20)),
    'rr:section': z.string().max(2048).optional(),
  }),
);

export const textualBodySchema = z.looseObject({
  type: z.literal('TextualBody'),
  value: z.string().max(MAX_NOTE_LENGTH),
  purpose: z.enum(['commenting', 'tagging']).default('commenting'),
  format: z.enum(NOTE_FORMATS).optional(),
  language: z.string().max(100).optional(),
});

export const annotationSchema = z
  .looseObject({
    id,
    type: z.literal('Annotation'),
    motivation: z.preprocess(
      (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v),
      z.enum(MOTIVATIONS).optional(),
    ),
    created: dateString.optional(),
    modified: dateString.optional(),
    body: z.preprocess(asArray, z.array(textualBodySchema).max(1000)),
    target: targetSchema,
    'rr:color': z.enum(COLORS).optional(),
    'rr:status': z.enum(ANCHOR_STATUSES).optional(),
  })
  .transform((a) => {
    // Dates as Date#toISOString writes them (UTC, milliseconds), as ours are: then their order as
    // strings is their order in time (sorting by date compares strings).
    const created = instant(a.created ?? a.modified ?? EPOCH);
    const note = a.body.find((b) => b.purpose === 'commenting');
    return {
      ...a,
      motivation: a.motivation ?? (note && note.value.length > 0 ? 'commenting' : 'highlighting'),
      created,
      modified: a.modified === undefined ? created : instant(a.modified),
    } as Annotation;
  });

/** A valid ISO 8601 date-time (dateString) in Date#toISOString's form. */
function instant(date: string): string {
  return new Date(Date.parse(date)).toISOString();
}

const contextSchema = z.union([
  z.literal(ANNOTATION_CONTEXT),
  z
    .array(z.unknown())
    .max(20)
    .refine((list) => list.includes(ANNOTATION_CONTEXT), 'missing the W3C annotation context'),
]);

/** The collection without its items (validated one by one, see validateCollection). */
export const collectionHeadSchema = z.looseObject({
  '@context': contextSchema,
  type: z.literal('AnnotationCollection'),
  schemaVersion: z.literal(SCHEMA_VERSION),
  [JOURNAL_CHECKPOINT]: z.number().int().nonnegative().optional(),
  items: z.array(z.unknown()).max(1_000_000),
});

export class InvalidAnnotationsError extends Error {}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid data';
  const where = first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return `${first.message}${where}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''}`;
}

/**
 * Validate a current-version collection (after migrations). Duplicate ids are merged: the item
 * with the later `modified` wins.
 */
export function validateCollection(value: unknown): AnnotationCollection {
  const { head, items } = validateCollectionParts(value);
  return { ...head, items: [...items.values()] } as AnnotationCollection;
}

/**
 * validateCollection, returning the head (everything but the items) and the items by id, in file
 * order, frozen (see frozen-items.ts). A duplicate id keeps the first one's place and the later
 * `modified`.
 */
export function validateCollectionParts(
  value: unknown,
  options: ValidateOptions = {},
): {
  head: Omit<AnnotationCollection, 'items'>;
  items: Map<string, Annotation>;
  /** Items left out (only with skipInvalidItems). */
  skipped: Skipped;
} {
  let head: Omit<AnnotationCollection, 'items'>;
  let raw: readonly unknown[];
  if (isCanonicalHead(value)) {
    // Exactly the head this app writes: no other keys, so nothing unsafe and nothing for zod.
    const { items, ...rest } = value;
    head = rest as Omit<AnnotationCollection, 'items'>;
    raw = items;
  } else {
    // Everything but the items is checked for forbidden keys here, on the raw value: zod would
    // silently drop a "__proto__" key rather than report it.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
        if (key !== 'items') assertNoForbiddenKeys(child);
      }
    }
    const parsed = collectionHeadSchema.safeParse(value);
    if (!parsed.success) throw new InvalidAnnotationsError(describeIssues(parsed.error));
    const { items, ...rest } = parsed.data;
    head = rest as Omit<AnnotationCollection, 'items'>;
    raw = items;
  }
  const items = new Map<string, Annotation>();
  const skipped: Skipped = { count: 0 };
  for (let i = 0; i < raw.length; i++) {
    // Items in the exact shape this app writes are checked by hand (canonical.ts); anything
    // else — other tools' annotations, odd shapes — goes through zod.
    const item = raw[i];
    let annotation: Annotation;
    // Frozen here, while the item is fresh in the cache, rather than in a second pass.
    if (isCanonicalAnnotation(item)) annotation = freezeCanonical(item);
    else {
      try {
        assertNoForbiddenKeys(item);
      } catch (error) {
        throw new UnsafeJsonError(`${(error as Error).message} at items.${i}`);
      }
      const result = annotationSchema.safeParse(item);
      if (!result.success) {
        const problem = `items.${i}: ${describeIssues(result.error)}`;
        if (!options.skipInvalidItems) throw new InvalidAnnotationsError(problem);
        skipped.count++;
        skipped.first ??= problem;
        continue;
      }
      annotation = deepFreeze(result.data);
    }
    const current = items.get(annotation.id);
    if (current === undefined || isNewer(annotation, current)) items.set(annotation.id, annotation);
  }
  return { head, items, skipped };
}

/** Items of a collection left out by a lenient read (ValidateOptions.skipInvalidItems). */
export interface Skipped {
  count: number;
  /** Why the first one was. */
  first?: string;
}

export interface ValidateOptions {
  /**
   * Leave out the items that are not valid annotations instead of refusing the whole collection
   * (importing another tool's file: what we can read is taken, and the rest counted). Unsafe keys
   * still refuse it.
   */
  skipInvalidItems?: boolean;
}

export function validateAnnotation(value: unknown): Annotation {
  assertNoForbiddenKeys(value);
  const result = annotationSchema.safeParse(value);
  if (!result.success) throw new InvalidAnnotationsError(describeIssues(result.error));
  return result.data;
}

export function isNewer(a: Pick<Annotation, 'modified'>, b: Pick<Annotation, 'modified'>): boolean {
  return Date.parse(a.modified) > Date.parse(b.modified);
}
