import { describe, expect, it } from 'vitest';
import { ISO_DATE, isCanonicalAnnotation, isInstantString } from '../../main/annotations/canonical.js';
import {
  ANNOTATION_CONTEXT,
  emptyCollection,
  newAnnotation,
  textTarget,
} from '../../main/annotations/model.js';
import { validateCollectionParts } from '../../main/annotations/schema.js';
import { rng } from './perturb.js';

// The fast path of validation must accept only what the general path (schema.ts) accepts.

const BLOCK = {
  id: 'report.p-0123456789',
  docId: 'report',
  sectionId: 'report.s-0123456789',
  text: '服务贸易稳步增长',
};

/** What validation makes of a date: the same instant in toISOString's form. */
const rewritten = (s: string) =>
  ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : undefined;

/** Every object and array in `value`, `value` included. */
function objectsIn(value: unknown): object[] {
  if (value === null || typeof value !== 'object') return [];
  return [value, ...Object.values(value).flatMap(objectsIn)];
}

describe('isInstantString', () => {
  it('accepts what Date#toISOString writes for the years 0000–9999', () => {
    const random = rng(11);
    const lowest = Date.parse('0000-01-01T00:00:00.000Z');
    const highest = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 2000; i++) {
      const iso = new Date(lowest + Math.floor(random() * (highest - lowest))).toISOString();
      expect(isInstantString(iso), iso).toBe(true);
    }
    for (const iso of [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ])
      expect(isInstantString(iso), iso).toBe(true);
  });

  it('accepts exactly the strings that validation leaves as they are', () => {
    const random = rng(12);
    const alphabet = '0123456789-:.TZ+ 1２٣/';
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const chars = [...'2026-11-22T08:36:18.863Z'];
      // One to three characters replaced: field overflows, separators moved, other digits.
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--)
        chars[Math.floor(random() * chars.length)] = alphabet[
          Math.floor(random() * alphabet.length)
        ] as string;
      const s = chars.join('');
      if (!isInstantString(s)) refused++;
      expect(isInstantString(s), s).toBe(rewritten(s) === s);
    }
    // The mutations did reach the refusals, not only harmless digit swaps.
    expect(refused).toBeGreaterThan(5000);
  });

  it.each([
    '2026-02-29T00:00:00.000Z',
    '1900-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-00-01T00:00:00.000Z',
    '2026-01-00T00:00:00.000Z',
    '2026-01-32T00:00:00.000Z',
    '2026-01-01T24:00:00.000Z',
    '2026-01-01T00:60:00.000Z',
    '2026-01-01T00:00:60.000Z',
    '2026-01-01T00:00:00.000',
    '2026-01-01T00:00:00Z',
    '+012026-01-01T00:00:00.000Z',
    '２026-01-01T00:00:00.000Z',
    '2026-01-01T00:00:00.00xZ',
  ])('refuses %s', (s) => {
    expect(isInstantString(s)).toBe(false);
  });
});

describe('validated items', () => {
  it('come back frozen to the last object, by the fast path and by zod alike', () => {
    const ours = newAnnotation({ target: textTarget(BLOCK, 0, 4), note: 'note', tags: ['a', 'b'] });
    expect(isCanonicalAnnotation(JSON.parse(JSON.stringify(ours)))).toBe(true);
    const foreign = {
      '@context': ANNOTATION_CONTEXT,
      id: 'http://example.org/anno1',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'foreign note', extra: { nested: [1, { deep: true }] } },
      target: { source: 'report', selector: { type: 'TextQuoteSelector', exact: '服务贸易' } },
      creator: { id: 'http://example.org/user1', name: 'Someone' },
    };
    const value = JSON.parse(JSON.stringify({ ...emptyCollection(), items: [ours, foreign] }));
    expect(isCanonicalAnnotation(value.items[1])).toBe(false);
    const { items } = validateCollectionParts(value);
    expect(items.size).toBe(2);
    for (const item of items.values()) {
      const objects = objectsIn(item);
      expect(objects.length).toBeGreaterThan(6);
      for (const o of objects) expect(Object.isFrozen(o), JSON.stringify(o)).toBe(true);
    }
  });
});
