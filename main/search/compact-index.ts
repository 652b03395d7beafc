import lunr from 'lunr';

// lunr's own serialisation (Index.toJSON / Index.load) of this corpus is ~2.5 MB of nested
// objects, and loading it builds a finite-state TokenSet of every term: ~50 ms here, more than
// the start-up budget of the search. This module stores the same index compactly — terms sorted
// in one string, each term's postings and each field vector as a short string — and hands lunr
// an Index whose inverted index and vectors are decoded on first use, with a sorted-array term
// dictionary in place of the TokenSet. Scoring, boosts and query evaluation stay lunr's.

export const COMPACT_INDEX_VERSION = 1;

export interface CompactIndex {
  version: number;
  fields: string[];
  /** Block ids; lunr refs are indexes into this array, in base 36. */
  refs: string[];
  /** Sorted terms joined by '\n'. */
  terms: string;
  /** Per term (same order): fields joined by '|', docs by ';', each `ref:start.len,start.len`. */
  postings: string[];
  /** `field/ref` → `termIndex:score,…` (base 36 term index). Empty vectors are omitted. */
  vectors: Record<string, string>;
}

type LunrPosting = Record<string, Record<string, { position?: number[][] }>> & { _index: number };

interface SerializedLunr {
  invertedIndex: [string, LunrPosting][];
  fieldVectors: [string, number[]][];
  fields: string[];
}

export function compactIndex(index: lunr.Index, refs: string[]): CompactIndex {
  const serialized = index.toJSON() as unknown as SerializedLunr;
  const entries = [...serialized.invertedIndex].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const newIndexOf = new Map<number, number>();
  entries.forEach(([, posting], i) => {
    newIndexOf.set(posting._index, i);
  });
  const postings = entries.map(([, posting]) =>
    serialized.fields
      .map((field) =>
        Object.entries(posting[field] ?? {})
          .map(
            ([ref, meta]) =>
              `${ref}:${(meta.position ?? []).map(([s, l]) => `${(s ?? 0).toString(36)}.${(l ?? 0).toString(36)}`).join(',')}`,
          )
          .join(';'),
      )
      .join('|'),
  );
  const vectors: Record<string, string> = {};
  for (const [fieldRef, elements] of serialized.fieldVectors) {
    if (elements.length === 0) continue;
    // lunr's dot product walks both vectors in index order, so re-sort after renumbering terms.
    const pairs: [number, number][] = [];
    for (let i = 0; i < elements.length; i += 2) {
      pairs.push([newIndexOf.get(elements[i] ?? 0) ?? 0, elements[i + 1] ?? 0]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    vectors[fieldRef] = pairs.map(([index, score]) => `${index.toString(36)}:${score}`).join(',');
  }
  return {
    version: COMPACT_INDEX_VERSION,
    fields: serialized.fields,
    refs,
    terms: entries.map(([term]) => term).join('\n'),
    postings,
    vectors,
  };
}

/** Stands in for lunr.TokenSet: answers exact and trailing-wildcard clauses from sorted terms. */
class TermDictionary {
  constructor(private readonly terms: readonly string[]) {}

  /** lunr passes the clause as a TokenSet chain; a `*` edge marks a trailing wildcard. */
  intersect(clause: lunr.TokenSet): { toArray(): string[] } {
    let node = clause as unknown as { edges: Record<string, unknown>; final: boolean };
    let prefix = '';
    for (;;) {
      const keys = Object.keys(node.edges);
      if (keys.includes('*')) return { toArray: () => this.withPrefix(prefix) };
      const next = keys[0];
      if (keys.length !== 1 || next === undefined) {
        return { toArray: () => (keys.length === 0 && node.final && this.has(prefix) ? [prefix] : []) };
      }
      prefix += next;
      node = node.edges[next] as typeof node;
    }
  }

  indexOf(term: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] ?? '') < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(term: string): boolean {
    return this.terms[this.indexOf(term)] === term;
  }

  withPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let i = this.indexOf(prefix); i < this.terms.length; i++) {
      const term = this.terms[i] ?? '';
      if (!term.startsWith(prefix)) break;
      out.push(term);
    }
    return out;
  }
}

/** Per field, per passage position: the [start, length] positions of one term. */
type Positions = Map<number, number[][]>[];

const NO_METADATA = Object.freeze({});
const MAX_ABSENT = 10_000;

function decodePositions(encoded: string, fieldCount: number): Positions {
  const perField = encoded.split('|');
  const out: Positions = [];
  for (let f = 0; f < fieldCount; f++) {
    const docs = new Map<number, number[][]>();
    const part = perField[f] ?? '';
    if (part !== '') {
      for (const doc of part.split(';')) {
        const colon = doc.indexOf(':');
        const list = doc.slice(colon + 1);
        docs.set(
          Number.parseInt(doc.slice(0, colon), 36),
          list === ''
            ? []
            : list.split(',').map((p) => {
                const dot = p.indexOf('.');
                return [Number.parseInt(p.slice(0, dot), 36), Number.parseInt(p.slice(dot + 1), 36)];
              }),
        );
      }
    }
    out.push(docs);
  }
  return out;
}

/**
 * lunr's view of a posting carries no metadata: lunr would copy every position list of every
 * matching passage into its MatchData, and we read positions from `LoadedIndex.positions`.
 */
function lunrPosting(positions: Positions, fields: readonly string[], termIndex: number): LunrPosting {
  const posting = { _index: termIndex } as LunrPosting;
  fields.forEach((field, f) => {
    const docs: Record<string, object> = {};
    for (const position of positions[f]?.keys() ?? []) docs[position.toString(36)] = NO_METADATA;
    posting[field] = docs as LunrPosting[string];
  });
  return posting;
}

function decodeVector(encoded: string | undefined): lunr.Vector {
  if (!encoded) return new lunr.Vector([]);
  const elements: number[] = [];
  for (const pair of encoded.split(',')) {
    const colon = pair.indexOf(':');
    elements.push(Number.parseInt(pair.slice(0, colon), 36), Number(pair.slice(colon + 1)));
  }
  return new lunr.Vector(elements);
}

/** The compact index, loaded: a lunr.Index for querying, and direct access to term positions. */
export class LoadedIndex {
  readonly index: lunr.Index;
  readonly refs: readonly string[];
  private readonly terms: string[];
  private readonly dictionary: TermDictionary;
  private readonly fieldNumber: Map<string, number>;
  private readonly positionCache = new Map<string, Positions>();
  /** Terms the index does not have, asked for again and again while matching (bounded: user input). */
  private readonly absent = new Set<string>();
  private readonly postingCache = new Map<string, LunrPosting>();
  private readonly vectors: Record<string, lunr.Vector>;

  constructor(private readonly data: CompactIndex) {
    if (data.version !== COMPACT_INDEX_VERSION)
      throw new Error(`search index version ${data.version} is not supported`);
    this.refs = data.refs;
    this.terms = data.terms === '' ? [] : data.terms.split('\n');
    this.dictionary = new TermDictionary(this.terms);
    this.fieldNumber = new Map(data.fields.map((f, i) => [f, i]));
    const postingOf = (term: string) => this.posting(term);
    const invertedIndex = new Proxy(Object.create(null) as Record<string, LunrPosting>, {
      get: (_target, term) => (typeof term === 'string' ? postingOf(term) : undefined),
    });
    // Vectors are decoded on first use, then kept as plain properties (lunr reads one per match).
    this.vectors = Object.create(null) as Record<string, lunr.Vector>;
    for (const key of Object.keys(data.vectors)) {
      Object.defineProperty(this.vectors, key, {
        configurable: true,
        enumerable: true,
        get: () => {
          const vector = decodeVector(data.vectors[key]);
          Object.defineProperty(this.vectors, key, { value: vector, enumerable: true });
          return vector;
        },
      });
    }
    this.index = new lunr.Index({
      invertedIndex,
      // Every field lunr can match has a term, hence a non-empty vector stored here.
      fieldVectors: this.vectors,
      tokenSet: this.dictionary as unknown as lunr.TokenSet,
      fields: data.fields,
      pipeline: new lunr.Pipeline(),
    } as unknown as lunr.Index.Attributes);
  }

  private decoded(term: string): Positions | undefined {
    let positions = this.positionCache.get(term);
    if (!positions) {
      if (this.absent.has(term)) return undefined;
      const i = this.dictionary.indexOf(term);
      if (this.terms[i] !== term) {
        if (this.absent.size >= MAX_ABSENT) this.absent.clear();
        this.absent.add(term);
        return undefined;
      }
      positions = decodePositions(this.data.postings[i] ?? '', this.data.fields.length);
      this.positionCache.set(term, positions);
    }
    return positions;
  }

  private posting(term: string): LunrPosting | undefined {
    let posting = this.postingCache.get(term);
    if (!posting) {
      const positions = this.decoded(term);
      if (!positions) return undefined;
      posting = lunrPosting(positions, this.data.fields, this.dictionary.indexOf(term));
      this.postingCache.set(term, posting);
    }
    return posting;
  }

  /** [start, length] of each occurrence of `term` in one field of the passage at `position`. */
  positions(term: string, field: string, position: number): number[][] | undefined {
    return this.decoded(term)?.[this.fieldNumber.get(field) ?? -1]?.get(position);
  }

  /** In how many passage fields the term occurs. */
  documentFrequency(term: string): number {
    return this.decoded(term)?.reduce((sum, docs) => sum + docs.size, 0) ?? 0;
  }
}
