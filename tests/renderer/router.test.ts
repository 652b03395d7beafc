import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash } from '../../renderer/src/state/router.js';

describe('hash routes', () => {
  it.each([
    ['', { name: 'library' }],
    ['#/', { name: 'library' }],
    ['#/read/report', { name: 'reader', docId: 'report' }],
    ['#/read/report/report.p-1a', { name: 'reader', docId: 'report', blockId: 'report.p-1a' }],
    ['#/read/', { name: 'library' }],
    ['#/read/bad%20id', { name: 'library' }],
    ['#/read/%E0%A4%A', { name: 'library' }],
    ['#/read/report/block/extra', { name: 'library' }],
    ['#/delete/report', { name: 'library' }],
    ['#main', { name: 'library' }],
  ])('reads %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips what it writes', () => {
    for (const route of [
      { name: 'library' as const },
      { name: 'reader' as const, docId: 'news-daily-life' },
      { name: 'reader' as const, docId: 'report', blockId: 'report.s-10e7cda754' },
    ]) {
      expect(parseHash(formatRoute(route))).toEqual(route);
    }
  });
});
