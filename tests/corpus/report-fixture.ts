import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST } from '../../main/corpus/manifest.js';
import type { DocMeta } from '../../main/corpus/types.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function metaOf(id: string): DocMeta {
  const meta = MANIFEST.find((m) => m.id === id);
  if (!meta) throw new Error(`no manifest entry ${id}`);
  return meta;
}

export function sourceText(id: string): string {
  return readFileSync(path.join(ROOT, 'assets', 'corpus', metaOf(id).source), 'utf8');
}
