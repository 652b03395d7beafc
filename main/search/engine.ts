import lunr from 'lunr';
import type { BundleStore } from '../corpus/bundle-store.js';
import type { Block, Dataset } from '../corpus/types.js';
import { type CompactIndex, LoadedIndex } from './compact-index.js';
import type { Glossary } from './glossary.js';
import { fieldsOf, type SearchField } from './index-build.js';
import { normalize } from './normalize.js';
import { type Alternative, type ParsedQuery, type Piece, parseQuery, type QueryUnit } from './query.js';
import { makeSnippet } from './snippet.js';

// Search = lunr for candidates and relevance (BM25 with field boosts), then our own check of
// each query unit against the term positions: passages that contain every unit come first, and
// only they are counted; the rest are "best matches".

/** A bigram in more blocks than this is left out of lunr's query when its unit has rarer ones. */
const COMMON_DOCUMENT_FREQUENCY = 120;
/** Pieces of a phrase may be this many UTF-16 units apart (spaces, stop words, punctuation). */
const PHRASE_GAP = 12;

export interface UnderstoodTerm {
  input: string;
  kind: QueryUnit['kind'];
  /** What the input became after normalisation, when it changed (中國 → 中国, ＲＣＥＰ → rcep). */
  normalized?: string;
  /** Glossary translations searched as well. */
  expansions: string[];
}

export interface SearchHit {
  docId: string;
  blockId: string;
  type: Block['type'];
  sectionId: string;
  sectionPath: string[];
  snippet: string;
  /** [start, end) ranges in `snippet` to highlight. */
  highlights: [number, number][];
  /** [start, end) ranges of the matches in the block's own text (empty for a table's cell labels). */
  marks: [number, number][];
  text: string;
  score: number;
  matchedAll: boolean;
}

export interface SearchResponse {
  query: string;
  understood: UnderstoodTerm[];
  hits: SearchHit[];
  /** Passages containing every term; counted exactly. */
  total: number;
  /** 'all': hits contain every term; 'best': no passage does, these are the closest. */
  mode: 'all' | 'best' | 'none';
  truncated: boolean;
  onlyStopWords: boolean;
}

export interface SearchOptions {
  docId?: string;
  limit?: number;
}

type Span = [number, number];

interface Candidate {
  ref: string;
  block: Block;
  score: number;
  unitsMatched: number;
  matchedAll: boolean;
  field: SearchField;
  spans: Span[];
}

export class SearchEngine {
  private readonly loaded: LoadedIndex;
  private readonly datasets: Map<string, Dataset>;
  private readonly frequency = new Map<string, number>();

  constructor(
    data: CompactIndex,
    private readonly store: BundleStore,
    private readonly glossary: Glossary,
  ) {
    this.loaded = new LoadedIndex(data);
    this.datasets = new Map(store.documents().flatMap((d) => d.datasets.map((s) => [s.id, s] as const)));
  }

  search(raw: string, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 200));
    const query = parseQuery(typeof raw === 'string' ? raw : '', this.glossary);
    const response: SearchResponse = {
      query: raw,
      understood: understand(query),
      hits: [],
      total: 0,
      mode: 'none',
      truncated: query.truncated,
      onlyStopWords: query.onlyStopWords,
    };
    const positive = query.units.filter((u) => u.kind !== 'excluded');
    const excluded = query.units.filter((u) => u.kind === 'excluded');
    if (positive.length === 0) return response;

    const results = this.loaded.index.query((q) => {
      for (const unit of positive) {
        for (const alternative of unit.alternatives) this.addClauses(q, alternative);
      }
    });

    const candidates: Candidate[] = [];
    for (const result of results) {
      const blockId = this.loaded.refs[Number.parseInt(result.ref, 36)];
      const block = blockId ? this.store.block(blockId) : undefined;
      if (!block || (options.docId && block.docId !== options.docId)) continue;
      const candidate = this.evaluate(result.ref, block, result.score, positive, excluded);
      if (candidate) candidates.push(candidate);
    }
    candidates.sort(
      (a, b) =>
        Number(b.matchedAll) - Number(a.matchedAll) || b.unitsMatched - a.unitsMatched || b.score - a.score,
    );
    response.total = candidates.filter((c) => c.matchedAll).length;
    response.mode = response.total > 0 ? 'all' : candidates.length > 0 ? 'best' : 'none';
    response.hits = candidates.slice(0, limit).map((c) => this.toHit(c));
    return response;
  }

  private documentFrequency(term: string): number {
    let n = this.frequency.get(term);
    if (n === undefined) {
      n = this.loaded.documentFrequency(term);
      this.frequency.set(term, n);
    }
    return n;
  }

  /**
   * Adds lunr clauses for one alternative. A Han string is queried by its rare bigrams only (or,
   * if all are common, its rarest one): a passage containing the string contains them, and the
   * common ones (服务 is in half the corpus) would multiply lunr's work for little ranking value.
   * The position check below still verifies the whole string.
   */
  private addClauses(q: lunr.Query, alternative: Alternative): void {
    const boost = alternative.translated ? 0.8 : 1;
    const term = (t: string) => q.term(t, { usePipeline: false, boost, wildcard: lunr.Query.wildcard.NONE });
    for (const piece of alternative.pieces) {
      if (piece.kind !== 'han') {
        term(piece.term);
        continue;
      }
      const chars = [...piece.text];
      if (chars.length === 1) {
        term(piece.text);
        continue;
      }
      const bigrams = bigramsOf(chars)
        .map((b) => [b, this.documentFrequency(b)] as const)
        .filter(([, df]) => df > 0)
        .sort((x, y) => x[1] - y[1]);
      const rare = bigrams.filter(([, df]) => df <= COMMON_DOCUMENT_FREQUENCY);
      for (const [bigram] of rare.length > 0 ? rare : bigrams.slice(0, 1)) term(bigram);
    }
  }

  private positions(term: string, field: SearchField, ref: string): number[][] {
    return this.loaded.positions(term, field, ref) ?? [];
  }

  /** Where a piece occurs in one field of one block: [start, end) spans. */
  private pieceSpans(piece: Piece, field: SearchField, ref: string): Span[] {
    if (piece.kind !== 'han' || piece.text.length <= 2) {
      const term = piece.kind === 'han' ? piece.text : piece.term;
      return this.positions(term, field, ref).map(([s = 0, l = 0]): Span => [s, s + l]);
    }
    // A chain of bigrams, each starting one character after the previous one.
    const chars = [...piece.text];
    if (chars.length === 1)
      return this.positions(piece.text, field, ref).map(([s = 0, l = 0]): Span => [s, s + l]);
    const bigrams = bigramsOf(chars);
    const starts: Set<number>[] = [];
    for (let i = 1; i < bigrams.length; i++) {
      const found = this.positions(bigrams[i] ?? '', field, ref);
      if (found.length === 0) return [];
      starts.push(new Set(found.map(([s = 0]) => s)));
    }
    const spans: Span[] = [];
    for (const [start = 0] of this.positions(bigrams[0] ?? '', field, ref)) {
      let at = start;
      let ok = true;
      for (let i = 1; i < bigrams.length && ok; i++) {
        at += (chars[i - 1] ?? '').length;
        ok = starts[i - 1]?.has(at) ?? false;
      }
      if (ok)
        spans.push([
          start,
          at + (chars[chars.length - 2] ?? '').length + (chars[chars.length - 1] ?? '').length,
        ]);
    }
    return spans;
  }

  /** Spans where the alternative's pieces occur in order, each close after the previous one. */
  private alternativeSpans(alternative: Alternative, field: SearchField, ref: string): Span[] {
    const [first, ...rest] = alternative.pieces;
    if (!first) return [];
    let spans = this.pieceSpans(first, field, ref);
    for (const piece of rest) {
      if (spans.length === 0) break;
      const next = this.pieceSpans(piece, field, ref);
      spans = spans.flatMap(([start, end]): Span[] => {
        const follower = next.find(([s]) => s >= end && s - end <= PHRASE_GAP);
        return follower ? [[start, follower[1]]] : [];
      });
    }
    return spans;
  }

  private unitSpans(unit: QueryUnit, field: SearchField, ref: string): Span[] {
    return unit.alternatives.flatMap((a) => this.alternativeSpans(a, field, ref));
  }

  private evaluate(
    ref: string,
    block: Block,
    score: number,
    positive: QueryUnit[],
    excluded: QueryUnit[],
  ): Candidate | undefined {
    let best: Candidate | undefined;
    for (const field of fieldsWithText(block)) {
      const spans: Span[] = [];
      let unitsMatched = 0;
      for (const unit of positive) {
        const found = this.unitSpans(unit, field, ref);
        if (found.length > 0) unitsMatched++;
        spans.push(...found);
      }
      if (excluded.some((unit) => this.unitSpans(unit, field, ref).length > 0)) return undefined;
      if (!best || unitsMatched > best.unitsMatched) {
        best = {
          ref,
          block,
          score,
          unitsMatched,
          matchedAll: unitsMatched === positive.length,
          field,
          spans,
        };
      }
    }
    return best;
  }

  private toHit(candidate: Candidate): SearchHit {
    const { block, field } = candidate;
    const fieldText = fieldsOf(block, this.datasets)[field];
    const spans = mergeSpans(candidate.spans);
    const snippet = makeSnippet(fieldText, spans);
    const isBlockText = fieldText === block.text;
    return {
      docId: block.docId,
      blockId: block.id,
      type: block.type,
      sectionId: block.sectionId,
      sectionPath: this.store.sectionPath(block.sectionId).map((s) => s.title),
      snippet: snippet.text,
      highlights: snippet.highlights,
      marks: isBlockText ? spans : [],
      text: block.text,
      score: Math.round(candidate.score * 1000) / 1000,
      matchedAll: candidate.matchedAll,
    };
  }
}

/** The index fields a block has text in (see fieldsOf): checking only these saves most of the work. */
function fieldsWithText(block: Block): SearchField[] {
  switch (block.type) {
    case 'heading':
      return ['heading'];
    case 'table':
      return ['caption', 'body'];
    case 'figure':
      return ['caption'];
    default:
      return ['body'];
  }
}

function bigramsOf(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

function understand(query: ParsedQuery): UnderstoodTerm[] {
  return query.units.map((unit) => {
    const [typed, ...translated] = unit.alternatives;
    const term: UnderstoodTerm = {
      input: unit.input,
      kind: unit.kind,
      expansions: translated.map((a) => a.label),
    };
    const normalized = normalize(unit.input);
    if (typed && normalized !== unit.input.toLowerCase()) term.normalized = normalized;
    return term;
  });
}
