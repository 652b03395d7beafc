import type { BundleStore } from '../corpus/bundle-store.js';
import type { Section } from '../corpus/types.js';
import { normalize } from './normalize.js';
import type { Piece, QueryUnit } from './query.js';
import { wordsOf } from './words.js';

// A passage is about what its section is about: searching 保险服务 should find the paragraphs of
// the chapter 保险服务 even where they only say 保险. A unit "matches by context" when it names a
// section on the passage's path, and names enough of it to be that section's subject — or spreads
// its distinctive words over the titles along the path (金融业开放 → 金融服务 › 开放进展).

/** Numbering printed before titles: 一、 （一） 1. */
const NUMBERING = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、])\s*/u;
/** A unit must be at least this long, and this share of the title, to stand for the section. */
const MIN_CHARS = 3;
const MIN_SHARE = 0.3;
/** A word in more than this share of all titles (服务, 贸易, 发展) says nothing about which section is meant. */
const MAX_WORD_TITLE_SHARE = 0.15;

/** A title names a term when the term is its subject: it starts the title, or fills enough of it. */
function names(title: string, text: string): boolean {
  return title.startsWith(text) || (title.includes(text) && text.length / title.length >= MIN_SHARE);
}

function textOf(pieces: readonly Piece[]): string {
  return pieces.map((p) => (p.kind === 'han' ? p.text : p.term)).join('');
}

export class SectionContext {
  /** For each section: its id and its ancestors' ids. */
  private readonly paths = new Map<string, string[]>();
  // Every section in parallel arrays, scanned by index (nothing allocated per query).
  private readonly ids: string[] = [];
  /** Titles without their numbering, normalised. */
  private readonly titles: string[] = [];
  /** A section's title and its ancestors' titles, one per line. */
  private readonly pathTitles: string[] = [];
  /** The index of each section's parent; -1 for a top-level section. */
  private readonly parents: number[] = [];
  /** For each section: the refs (block positions) of every block in it and its subsections. */
  private readonly refsUnder = new Map<string, number[]>();
  /** Sections named by each glossary form met so far (the glossary is fixed, so this is bounded). */
  private readonly namingCache = new WeakMap<readonly Piece[], readonly string[]>();

  constructor(store: BundleStore) {
    const refOf = new Map<string, number>();
    let position = 0;
    for (const doc of store.documents()) {
      for (const block of doc.blocks) refOf.set(block.id, position++);
    }
    const direct = new Map<string, number[]>();
    for (const doc of store.documents()) {
      for (const block of doc.blocks) {
        const list = direct.get(block.sectionId) ?? [];
        list.push(refOf.get(block.id) ?? 0);
        direct.set(block.sectionId, list);
      }
    }
    const collect = (section: Section, path: string[], parent: number, above: string): number[] => {
      const here = [...path, section.id];
      const title = normalize(section.title.replace(NUMBERING, ''));
      const index = this.ids.length;
      this.paths.set(section.id, here);
      this.ids.push(section.id);
      this.titles.push(title);
      this.pathTitles.push(above === '' ? title : `${above}\n${title}`);
      this.parents.push(parent);
      const below = section.children.flatMap((c) => collect(c, here, index, this.pathTitles[index] ?? ''));
      const refs = [...(direct.get(section.id) ?? []), ...below];
      this.refsUnder.set(section.id, refs);
      return refs;
    };
    for (const doc of store.documents()) for (const section of doc.sections) collect(section, [], -1, '');
  }

  /** The sections whose titles the unit names, by what was typed or any of its glossary forms. */
  namedSections(unit: QueryUnit): Set<string> {
    const named = new Set<string>();
    unit.alternatives.forEach((alternative, i) => {
      // Glossary forms come back query after query (their pieces are shared); what was typed is
      // looked up afresh.
      const sections =
        i === 0 ? this.naming(textOf(alternative.pieces)) : this.cachedNaming(alternative.pieces);
      for (const id of sections) named.add(id);
    });
    return named;
  }

  private cachedNaming(pieces: readonly Piece[]): readonly string[] {
    let sections = this.namingCache.get(pieces);
    if (!sections) {
      sections = this.naming(textOf(pieces));
      this.namingCache.set(pieces, sections);
    }
    return sections;
  }

  /** The sections whose title names `text`, or else whose path carries its distinctive words. */
  private naming(text: string): string[] {
    const out: string[] = [];
    if ([...text].length < MIN_CHARS) return out;
    for (let i = 0; i < this.ids.length; i++)
      if (names(this.titles[i] ?? '', text)) out.push(this.ids[i] ?? '');
    return out.length > 0 ? out : this.sectionsCarrying(text);
  }

  /**
   * Sections whose path first holds every distinctive word of `text`, when it has two or more:
   * 金融业开放 is what 金融服务 › 开放进展 is about. The topmost such section stands for those below
   * it. A distinctive word no title has cannot be carried: such a query names nothing this way.
   */
  private sectionsCarrying(text: string): string[] {
    const words = wordsOf(text).filter((w) => this.titleShare(w) <= MAX_WORD_TITLE_SHARE);
    if (words.length < 2) return [];
    const carries = (i: number) => words.every((w) => this.pathTitles[i]?.includes(w));
    const out: string[] = [];
    for (let i = 0; i < this.ids.length; i++) {
      const parent = this.parents[i] ?? -1;
      if (carries(i) && (parent < 0 || !carries(parent))) out.push(this.ids[i] ?? '');
    }
    return out;
  }

  /** Share of all section titles containing `word`. */
  private titleShare(word: string): number {
    let count = 0;
    for (const title of this.titles) if (title.includes(word)) count++;
    return count / Math.max(this.titles.length, 1);
  }

  /** Is the section, or a section above it, among `named`? */
  within(sectionId: string, named: ReadonlySet<string>): boolean {
    if (named.size === 0) return false;
    return (this.paths.get(sectionId) ?? []).some((id) => named.has(id));
  }

  /** Refs of every block in the section and its subsections. */
  refsIn(sectionId: string): readonly number[] {
    return this.refsUnder.get(sectionId) ?? [];
  }
}
