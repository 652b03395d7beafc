import { z } from 'zod';
import {
  ANCHOR_STATUSES,
  ANNOTATION_CONTEXT,
  type Annotation,
  type AnnotationCollection,
  COLORS,
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const dateString = z
  .string()
  .regex(ISO_DATE, 'expected an ISO 8601 date-time')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid date');

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
    const created = a.created ?? a.modified ?? EPOCH;
    const note = a.body.find((b) => b.purpose === 'commenting');
    return {
      ...a,
      motivation: a.motivation ?? (note && note.value.length > 0 ? 'commenting' : 'highlighting'),
      created,
      modified: a.modified ?? created,
    } as Annotation;
  });

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
  // Everything but the items is checked for forbidden keys here, on the raw value: zod would
  // silently drop a "__proto__" key rather than report it.
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new UnsafeJsonError(`forbidden key "${key}"`);
      if (key !== 'items') assertNoForbiddenKeys(child);
    }
  }
  const head = collectionHeadSchema.safeParse(value);
  if (!head.success) throw new InvalidAnnotationsError(describeIssues(head.error));
  const { items: raw, ...rest } = head.data;
  const items: Annotation[] = [];
  for (const [i, item] of raw.entries()) {
    // Items in the exact shape this app writes are checked by hand (≈15× faster than zod for a
    // 10,000-item file); anything else — other tools' annotations, odd shapes — goes through zod.
    const fast = canonicalAnnotation(item);
    if (fast) {
      items.push(fast);
      continue;
    }
    try {
      assertNoForbiddenKeys(item);
    } catch (error) {
      throw new UnsafeJsonError(`${(error as Error).message} at items.${i}`);
    }
    const result = annotationSchema.safeParse(item);
    if (!result.success) throw new InvalidAnnotationsError(`items.${i}: ${describeIssues(result.error)}`);
    items.push(result.data);
  }
  return {
    ...(rest as Omit<AnnotationCollection, 'items'>),
    items: dedupeById(items),
  } as AnnotationCollection;
}

// ---------------------------------------------------------------------------------------------
// Fast path: the canonical shape written by model.ts. Accepts a subset of what annotationSchema
// accepts (exact key sets, so no forbidden keys can pass), returns undefined for anything else.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function keysWithin(o: Obj, allowed: ReadonlySet<string>, required: readonly string[]): boolean {
  for (const k of Object.keys(o)) if (!allowed.has(k)) return false;
  for (const k of required) if (!(k in o)) return false;
  return true;
}

function str(v: unknown, min: number, max: number): boolean {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function optStr(v: unknown, max: number): boolean {
  return v === undefined || str(v, 0, max);
}

function date(v: unknown): boolean {
  return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v));
}

function position(v: unknown): boolean {
  if (!isObj(v) || !keysWithin(v, POSITION_KEYS, POSITION_KEYS_LIST) || v.type !== 'TextPositionSelector')
    return false;
  const { start, end } = v;
  return (
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(end) &&
    (start as number) >= 0 &&
    (start as number) <= (end as number)
  );
}

const ANNOTATION_KEYS = new Set([
  'id',
  'type',
  'motivation',
  'created',
  'modified',
  'body',
  'target',
  'rr:color',
  'rr:status',
]);
const ANNOTATION_REQUIRED = ['id', 'type', 'motivation', 'created', 'modified', 'body', 'target'];
const BODY_KEYS = new Set(['type', 'value', 'purpose', 'format', 'language']);
const TARGET_KEYS = new Set(['source', 'selector', 'rr:section']);
const FRAGMENT_KEYS = new Set(['type', 'value', 'conformsTo', 'refinedBy']);
const QUOTE_KEYS = new Set(['type', 'exact', 'prefix', 'suffix']);
const POSITION_KEYS_LIST = ['type', 'start', 'end'];
const POSITION_KEYS = new Set(POSITION_KEYS_LIST);
const MOTIVATION_SET = new Set<unknown>(MOTIVATIONS);
const COLOR_SET = new Set<unknown>(COLORS);
const STATUS_SET = new Set<unknown>(ANCHOR_STATUSES);
const FORMAT_SET = new Set<unknown>(NOTE_FORMATS);

function canonicalAnnotation(v: unknown): Annotation | undefined {
  if (!isObj(v) || !keysWithin(v, ANNOTATION_KEYS, ANNOTATION_REQUIRED)) return undefined;
  if (v.type !== 'Annotation' || !str(v.id, 1, 2048) || !MOTIVATION_SET.has(v.motivation)) return undefined;
  if (!date(v.created) || !date(v.modified)) return undefined;
  if (v['rr:color'] !== undefined && !COLOR_SET.has(v['rr:color'])) return undefined;
  if (v['rr:status'] !== undefined && !STATUS_SET.has(v['rr:status'])) return undefined;
  const body = v.body;
  if (!Array.isArray(body) || body.length > 1000) return undefined;
  for (const b of body) {
    if (!isObj(b) || !keysWithin(b, BODY_KEYS, ['type', 'value', 'purpose']) || b.type !== 'TextualBody')
      return undefined;
    if (!str(b.value, 0, MAX_NOTE_LENGTH) || (b.purpose !== 'commenting' && b.purpose !== 'tagging'))
      return undefined;
    if (b.format !== undefined && !FORMAT_SET.has(b.format)) return undefined;
    if (!optStr(b.language, 100)) return undefined;
  }
  const target = v.target;
  if (!isObj(target) || !keysWithin(target, TARGET_KEYS, ['source', 'selector'])) return undefined;
  if (!str(target.source, 1, 2048) || !optStr(target['rr:section'], 2048)) return undefined;
  const selectors = target.selector;
  if (!Array.isArray(selectors) || selectors.length > 20) return undefined;
  for (const sel of selectors) {
    if (!isObj(sel)) return undefined;
    if (sel.type === 'FragmentSelector') {
      if (!keysWithin(sel, FRAGMENT_KEYS, ['type', 'value']) || !str(sel.value, 1, 2048)) return undefined;
      if (!optStr(sel.conformsTo, 2048) || (sel.refinedBy !== undefined && !position(sel.refinedBy)))
        return undefined;
    } else if (sel.type === 'TextQuoteSelector') {
      if (!keysWithin(sel, QUOTE_KEYS, ['type', 'exact']) || !str(sel.exact, 0, MAX_NOTE_LENGTH))
        return undefined;
      if (!optStr(sel.prefix, 10_000) || !optStr(sel.suffix, 10_000)) return undefined;
    } else if (!position(sel)) return undefined;
  }
  return v as unknown as Annotation;
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

function dedupeById(items: Annotation[]): Annotation[] {
  const byId = new Map<string, number>();
  const out: Annotation[] = [];
  for (const item of items) {
    const at = byId.get(item.id);
    if (at === undefined) {
      byId.set(item.id, out.length);
      out.push(item);
    } else if (isNewer(item, out[at] as Annotation)) out[at] = item;
  }
  return out;
}
