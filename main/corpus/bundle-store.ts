import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Block, Bundle, ParsedDocument, Section } from './types.js';

export const BUNDLE_FILE = 'bundle.json';
export const SEARCH_INDEX_FILE = 'search-index.json';

/** Where `npm run build` writes the bundle, relative to the project (or packaged app) root. */
export function bundleDir(rootDir: string): string {
  return path.join(rootDir, 'build', 'bundle');
}

export function readBundle(dir: string): Bundle {
  return JSON.parse(readFileSync(path.join(dir, BUNDLE_FILE), 'utf8')) as Bundle;
}

export interface SectionPathEntry {
  id: string;
  title: string;
}

/** Read-only lookups over a loaded bundle, built once. */
export class BundleStore {
  private readonly docs = new Map<string, ParsedDocument>();
  private readonly blocks = new Map<string, Block>();
  private readonly sectionPaths = new Map<string, SectionPathEntry[]>();
  private readonly sections = new Map<string, Section>();

  constructor(readonly bundle: Bundle) {
    for (const doc of bundle.documents) {
      this.docs.set(doc.meta.id, doc);
      for (const block of doc.blocks) this.blocks.set(block.id, block);
      const walk = (list: Section[], trail: SectionPathEntry[]): void => {
        for (const section of list) {
          const here = [...trail, { id: section.id, title: section.title }];
          this.sectionPaths.set(section.id, here);
          this.sections.set(section.id, section);
          walk(section.children, here);
        }
      };
      walk(doc.sections, []);
    }
  }

  static load(dir: string): BundleStore {
    return new BundleStore(readBundle(dir));
  }

  documents(): ParsedDocument[] {
    return this.bundle.documents;
  }

  document(docId: string): ParsedDocument | undefined {
    return this.docs.get(docId);
  }

  block(blockId: string): Block | undefined {
    return this.blocks.get(blockId);
  }

  section(sectionId: string): Section | undefined {
    return this.sections.get(sectionId);
  }

  /** Titles from the top of the document down to the section, inclusive. */
  sectionPath(sectionId: string): SectionPathEntry[] {
    return this.sectionPaths.get(sectionId) ?? [];
  }
}
