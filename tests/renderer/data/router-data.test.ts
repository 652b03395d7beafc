import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash } from '../../../renderer/src/state/router.js';

// The data view's routes: #/data (the list, first table shown) and #/data/<datasetId>.

describe('data routes', () => {
  it.each([
    ['#/data', { name: 'data' }],
    ['#/data/', { name: 'data' }],
    ['#/data/table-2-4', { name: 'data', datasetId: 'table-2-4' }],
    ['#/data/bad%20id', { name: 'data' }],
    ['#/data/table-2-4/extra', { name: 'library' }],
  ])('reads %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips what it writes', () => {
    for (const route of [{ name: 'data' as const }, { name: 'data' as const, datasetId: 'table-3-2' }])
      expect(parseHash(formatRoute(route))).toEqual(route);
    expect(formatRoute({ name: 'data', datasetId: 'table-3-2' })).toBe('#/data/table-3-2');
  });
});
