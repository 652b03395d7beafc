import lunr from 'lunr';
import type { BundleStore } from '../corpus/bundle-store.js';
import type { Block, Dataset } from '../corpus/types.js';
import { type CompactIndex, LoadedIndex } from './compact-index.js';
import type { Glossary } from './glossary.js';
import { fieldsOf, type SearchField } from './index-build.js';
import { bigramsOf, Matcher, mergeSpans, type Span } from './matcher.js';
import { normalize } from './normalize.js';
import { type Alternative, type ParsedQuery, parseQuery, type QueryUnit } from './query.js';
import { order, type Scored, scoreCandidate, scoringContext } from './ranking.js';
import { SectionContext } from './section-context.js';
import { makeSnippet } from './snippet.js';

// Search = lunr for candidates and relevance (BM25 with field boosts), the passages of sections
// the query names, then our own check of each query unit against the term positions: passages
// containing every unit come first, and only they are counted; the rest are "best matches".

/**
 * A bigram in more passage fields than this is left out of lunr's query when its unit has rarer
 * ones, and a unit with none rarer is not selective (it waits for the second phase). Measured on
 * the labelled queries: 60 finds what 120 found, with a sixth less query time.
 */
const COMMON_DOCUMENT_FREQUENCY = 60;
/**
 * A long Han string is queried by its rarest few bigrams: a passage holding the string holds them
 * all, and each further clause costs lunr work for little ranking value (a section title typed in
 * full has twenty).
 */
const MAX_BIGRAM_CLAUSES = 3;
/**
 * Weight of secondary material (see passageWeight). Measured on the labelled queries: 0.25–0.4 do
 * alike; at 0.5 "资料来源：中国出口信用保险公司提供。" was seventh for 出口信用保险.
 */
const SECONDARY_WEIGHT = 0.4;

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
  /** Passages matching every term (holding it, or in a section about it); counted exactly. */
  total: number;
  /** 'all': the first hits match every term; 'best': no passage does, these are the closest. */
  mode: 'all' | 'best' | 'none';
  truncated: boolean;
  onlyStopWords: boolean;
}

export interface SearchOptions {
  docId?: string;
  limit?: number;
}

export class SearchEngine {
  private readonly loaded: LoadedIndex;
  private readonly matcher: Matcher;
  private readonly context: SectionContext;
  private readonly blocks: Block[];
  private readonly datasets: Map<string, Dataset>;
  private readonly fieldLengths: number[];
  /** Scratch space of `candidates`, by position: all zero between queries. */
  private readonly lunrScores: Float64Array;
  private readonly isCandidate: Uint8Array;
  private readonly weighers: ((span: Span) => number)[] = [];
  /** passageWeight of each passage, by position. */
  private readonly weights: number[];

  constructor(
    data: CompactIndex,
    private readonly store: BundleStore,
    private readonly glossary: Glossary,
  ) {
    this.loaded = new LoadedIndex(data);
    this.matcher = new Matcher(this.loaded);
    this.context = new SectionContext(store);
    this.blocks = data.refs.map((id) => {
      const block = store.block(id);
      if (!block) throw new Error(`search index names block ${id}, which the bundle does not have`);
      return block;
    });
    this.datasets = new Map(store.documents().flatMap((d) => d.datasets.map((s) => [s.id, s] as const)));
    this.fieldLengths = this.blocks.map((b) => [...b.text].length);
    this.weights = this.blocks.map((b) => this.passageWeight(b));
    this.lunrScores = new Float64Array(this.blocks.length);
    this.isCandidate = new Uint8Array(this.blocks.length);
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

    // Phase one asks lunr only for the selective units (those with a rare term): every passage
    // holding all units is among their candidates, and lunr's cost grows with the number of
    // passages a clause matches (服务贸易 is in a third of them). Phase two, with every unit, runs
    // only when phase one found no passage holding them all.
    const selective = positive.filter((unit) => this.isSelective(unit));
    const phases =
      selective.length > 0 && selective.length < positive.length ? [selective, positive] : [positive];
    let scored: Scored[] = [];
    for (const units of phases) {
      scored = this.candidates(units, positive, excluded, options.docId);
      if (scored.some((c) => c.matchedAll)) break;
    }
    const context = scoringContext(
      scored,
      positive.map((unit) => this.unitFrequency(unit)),
      this.blocks.length,
    );
    const ranked = order(scored.map((c) => scoreCandidate(c, context)));
    response.total = ranked.filter((c) => c.matchedAll).length;
    response.mode = response.total > 0 ? 'all' : ranked.length > 0 ? 'best' : 'none';
    response.hits = ranked.slice(0, limit).map((c) => this.toHit(c, positive));
    return response;
  }

  /** Scores the passages lunr finds for `queried` and those in sections the query names. */
  private candidates(
    queried: QueryUnit[],
    positive: QueryUnit[],
    excluded: QueryUnit[],
    docId?: string,
  ): Scored[] {
    // Alternatives share terms (open, up, 金融 …): one clause per term with the boosts summed
    // scores exactly as repeated clauses do, without lunr redoing each term's postings.
    const boosts = new Map<string, number>();
    for (const unit of queried)
      for (const alternative of unit.alternatives) this.addTerms(boosts, alternative);
    // Candidates are marked in arrays indexed by position, kept between queries and cleared after:
    // cheaper than a Map and a Set per query.
    const list: number[] = [];
    const scored: Scored[] = [];
    try {
      for (const result of this.loaded.index.query((q) => {
        for (const [term, boost] of boosts)
          q.term(term, { usePipeline: false, boost, wildcard: lunr.Query.wildcard.NONE });
      })) {
        const position = Number.parseInt(result.ref, 36);
        this.lunrScores[position] = result.score;
        this.isCandidate[position] = 1;
        list.push(position);
      }
      const named = positive.map((unit) => this.context.namedSections(unit));
      for (const sections of named) {
        for (const sectionId of sections) {
          for (const position of this.context.refsIn(sectionId)) {
            if (this.isCandidate[position] === 1) continue;
            this.isCandidate[position] = 1;
            list.push(position);
          }
        }
      }
      for (const position of list) {
        const block = this.blocks[position];
        if (!block || (docId && block.docId !== docId)) continue;
        const lunrScore = this.lunrScores[position] ?? 0;
        const evaluated = this.evaluate(position, block, positive, named, excluded, lunrScore);
        if (evaluated) scored.push(evaluated);
      }
    } finally {
      for (const position of list) {
        this.isCandidate[position] = 0;
        this.lunrScores[position] = 0;
      }
    }
    return scored;
  }

  /**
   * How many passages hold the unit, estimated from the index alone: for each alternative the
   * frequency of its rarest term (an upper bound), summed over alternatives.
   */
  private unitFrequency(unit: QueryUnit): number {
    let total = 0;
    for (const alternative of unit.alternatives) {
      let rarest = Number.POSITIVE_INFINITY;
      for (const piece of alternative.pieces) {
        const terms =
          piece.kind === 'han'
            ? [...piece.text].length === 1
              ? [piece.text]
              : bigramsOf([...piece.text])
            : [piece.term];
        for (const term of terms) rarest = Math.min(rarest, this.loaded.documentFrequency(term));
      }
      if (Number.isFinite(rarest)) total += rarest;
    }
    return total;
  }

  /** A unit whose every alternative has a rare term (a word, a number, or a rare Han bigram). */
  private isSelective(unit: QueryUnit): boolean {
    return unit.alternatives.every((alternative) =>
      alternative.pieces.some((piece) => {
        if (piece.kind !== 'han')
          return this.loaded.documentFrequency(piece.term) <= COMMON_DOCUMENT_FREQUENCY;
        const chars = [...piece.text];
        const terms = chars.length === 1 ? chars : bigramsOf(chars);
        return terms.some((t) => this.loaded.documentFrequency(t) <= COMMON_DOCUMENT_FREQUENCY);
      }),
    );
  }

  /**
   * Adds the lunr terms of one alternative. A Han string is queried by its rare bigrams only (or,
   * if all are common, its rarest one): a passage containing the string contains them, and the
   * common ones (服务 is in half the corpus) would multiply lunr's work for little ranking value.
   * The position check verifies the whole string.
   */
  private addTerms(boosts: Map<string, number>, alternative: Alternative): void {
    const boost = alternative.translated ? 0.8 : 1;

    for (const piece of alternative.pieces) {
      if (piece.kind !== 'han') {
        addBoost(boosts, piece.term, boost);
        continue;
      }
      const chars = [...piece.text];
      if (chars.length === 1) {
        addBoost(boosts, piece.text, boost);
        continue;
      }
      const bigrams = bigramsOf(chars)
        .map((b) => [b, this.loaded.documentFrequency(b)] as const)
        .filter(([, df]) => df > 0)
        .sort((x, y) => x[1] - y[1]);
      const rare = bigrams.filter(([, df]) => df <= COMMON_DOCUMENT_FREQUENCY).slice(0, MAX_BIGRAM_CLAUSES);
      for (const [bigram] of rare.length > 0 ? rare : bigrams.slice(0, 1)) addBoost(boosts, bigram, boost);
    }
  }

  private evaluate(
    position: number,
    block: Block,
    positive: QueryUnit[],
    named: ReadonlySet<string>[],
    excluded: QueryUnit[],
    lunrScore: number,
  ): Scored | undefined {
    const fields = fieldsWithText(block);
    if (excluded.some((unit) => fields.some((f) => this.matcher.unitSpans(unit, f, position).length > 0)))
      return undefined;
    const inContext = named.map((sections) => this.context.within(block.sectionId, sections));
    let best: Scored | undefined;
    for (const field of fields) {
      const spans: Span[] = [];
      const weigh =
        field === 'body' && block.type !== 'table' ? this.spanWeigher(position, block) : undefined;
      const units = positive.map((unit, i) => {
        const found = this.matcher.unitEvidence(unit, field, position, weigh);
        if (found.spans.length > 0) spans.push(...found.spans);
        return {
          occurrences: found.occurrences,
          inContext: inContext[i] ?? false,
          partial: found.occurrences === 0 ? this.matcher.partial(unit, field, position) : 1,
        };
      });
      const candidate: Scored = {
        position,
        block,
        field,
        spans,
        units,
        lunrScore,
        weight: this.weights[position] ?? 1,
        length: this.fieldLengths[position] ?? 1,
        matchedAll: units.every((u) => u.occurrences > 0 || u.inContext),
      };
      if (
        !best ||
        candidate.units.filter((u) => u.occurrences > 0).length >
          best.units.filter((u) => u.occurrences > 0).length
      ) {
        best = candidate;
      }
    }
    if (!best || best.units.every((u) => u.occurrences === 0 && !u.inContext && u.partial === 0))
      return undefined;
    return best;
  }

  /** The passage's span weigher, made once per passage (not once per query). */
  private spanWeigher(position: number, block: Block): (span: Span) => number {
    let weigher = this.weighers[position];
    if (!weigher) {
      weigher = spanWeights(block.text);
      this.weighers[position] = weigher;
    }
    return weigher;
  }

  /**
   * Footnotes, source lines and the title page or afterword are found like any passage but rank
   * below the text itself: "资料来源：中国出口信用保险公司提供。" is short, so BM25 would put it first.
   */
  private passageWeight(block: Block): number {
    if (block.type === 'footnote' || block.type === 'source' || block.type === 'note')
      return SECONDARY_WEIGHT;
    const role = this.store.sectionPath(block.sectionId).map((s) => this.store.section(s.id)?.role);
    return role.includes('front-matter') || role.includes('afterword') ? SECONDARY_WEIGHT : 1;
  }

  private toHit(candidate: Scored & { score: number }, units: QueryUnit[]): SearchHit {
    const { block, field, position } = candidate;
    const fieldText = fieldsOf(block, this.datasets)[field as SearchField];
    // A passage lacking a unit (a close match, or one in a section about the unit) shows the part
    // of the unit it holds.
    const partial: Span[] = [];
    candidate.units.forEach((evidence, i) => {
      const unit = units[i];
      if (unit && evidence.occurrences === 0 && evidence.partial > 0)
        partial.push(...this.matcher.partialSpans(unit, field as SearchField, position));
    });
    const spans = mergeSpans(partial.length > 0 ? [...candidate.spans, ...partial] : candidate.spans);
    const snippet = makeSnippet(fieldText, spans);
    return {
      docId: block.docId,
      blockId: block.id,
      type: block.type,
      sectionId: block.sectionId,
      sectionPath: this.store.sectionPath(block.sectionId).map((s) => s.title),
      snippet: snippet.text,
      highlights: snippet.highlights,
      marks: fieldText === block.text ? spans : [],
      text: block.text,
      score: Math.round(candidate.score * 1000) / 1000,
      matchedAll: candidate.matchedAll,
    };
  }
}

function addBoost(boosts: Map<string, number>, term: string, boost: number): void {
  boosts.set(term, (boosts.get(term) ?? 0) + boost);
}

/** Items of a Chinese enumeration are separated by 、; a term met there is one of many, not the subject. */
const LIST_ITEM_WEIGHT = 0.4;

function spanWeights(text: string): (span: Span) => number {
  return ([start, end]) => (text[start - 1] === '、' || text[end] === '、' ? LIST_ITEM_WEIGHT : 1);
}

/** The index fields a block has text in (see fieldsOf): checking only these saves most of the work. */
const HEADING_FIELDS: readonly SearchField[] = ['heading'];
const TABLE_FIELDS: readonly SearchField[] = ['caption', 'body'];
const FIGURE_FIELDS: readonly SearchField[] = ['caption'];
const BODY_FIELDS: readonly SearchField[] = ['body'];

function fieldsWithText(block: Block): readonly SearchField[] {
  switch (block.type) {
    case 'heading':
      return HEADING_FIELDS;
    case 'table':
      return TABLE_FIELDS;
    case 'figure':
      return FIGURE_FIELDS;
    default:
      return BODY_FIELDS;
  }
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
