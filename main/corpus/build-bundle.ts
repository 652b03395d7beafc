import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSearchIndex } from '../search/index-build.js';
import { BUNDLE_FILE, bundleDir, SEARCH_INDEX_FILE } from './bundle-store.js';
import { MANIFEST } from './manifest.js';
import { parseDocument } from './parse-document.js';
import type { Bundle } from './types.js';

// `npm run build` parses the corpus once; the app and the CLI only load the JSON. The bundle
// records a hash of everything it was built from, so a stale bundle is noticed and rebuilt.

export function corpusDir(root: string): string {
  return path.join(root, 'assets', 'corpus');
}

/** Files whose change makes the bundle stale: the sources and the code that parses and indexes them. */
function inputFiles(root: string): string[] {
  const corpus = MANIFEST.map((doc) => path.join(corpusDir(root), doc.source));
  const code = ['corpus', 'search'].flatMap((folder) => {
    const dir = path.join(root, 'main', folder);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => path.join(dir, name));
  });
  return [...corpus, ...code];
}

export function computeInputHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of inputFiles(root)) {
    hash.update(path.relative(root, file));
    hash.update('\u0000');
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function buildBundle(root: string): Bundle {
  const documents = MANIFEST.map((meta) =>
    parseDocument(readFileSync(path.join(corpusDir(root), meta.source), 'utf8'), meta),
  );
  return { inputHash: computeInputHash(root), documents };
}

function writeJson(target: string, value: unknown): void {
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, target);
}

/** Writes the search index first and the bundle last: the bundle's hash marks both as fresh. */
export function writeBundle(root: string, bundle: Bundle): string {
  const dir = bundleDir(root);
  mkdirSync(dir, { recursive: true });
  writeJson(path.join(dir, SEARCH_INDEX_FILE), buildSearchIndex(bundle));
  const target = path.join(dir, BUNDLE_FILE);
  writeJson(target, bundle);
  return target;
}

function storedHash(root: string): string | undefined {
  try {
    const text = readFileSync(path.join(bundleDir(root), BUNDLE_FILE), 'utf8');
    // The hash is the first field; reading it does not need the whole bundle parsed.
    return /^\{"inputHash":"([0-9a-f]+)"/u.exec(text.slice(0, 100))?.[1];
  } catch {
    return undefined;
  }
}

export function isBundleStale(root: string): boolean {
  return storedHash(root) !== computeInputHash(root);
}

/** Rebuilds the bundle if its inputs changed; returns whether it did. */
export function ensureFreshBundle(root: string): boolean {
  if (!isBundleStale(root)) return false;
  writeBundle(root, buildBundle(root));
  return true;
}
