import lunr from 'lunr';
import type { Block, Bundle, Dataset } from '../corpus/types.js';
import { type CompactIndex, compactIndex } from './compact-index.js';
import { tokenize } from './tokenize.js';

// Builds the lunr index at build time (`npm run build`); the app only loads it.
// lunr's own pipeline would strip Han characters (its trimmer keeps \w only) and its
// `search(string)` parser throws on input such as `RCEP~`, so both the pipeline and the parser
// are replaced: tokens come from our tokenizer, queries are built with `idx.query()`.

export const FIELDS = { heading: 4, caption: 2, body: 1 } as const;
export type SearchField = keyof typeof FIELDS;

export interface IndexedFields {
  id: string;
  heading: string;
  caption: string;
  body: string;
}

/** Text of a table block for search: its caption, then the labels of its columns and rows. */
function tableText(dataset: Dataset | undefined): string {
  if (!dataset) return '';
  const columns = dataset.columns.map((c) => c.label);
  const rows = dataset.rows.map((r) => (typeof r[0] === 'string' ? r[0] : '')).filter(Boolean);
  const summary = dataset.summary?.rows.map((r) => (typeof r[0] === 'string' ? r[0] : '')) ?? [];
  return [...columns, ...rows, ...summary].join(' ');
}

export function fieldsOf(block: Block, datasets: Map<string, Dataset>): IndexedFields {
  const fields: IndexedFields = { id: block.id, heading: '', caption: '', body: '' };
  if (block.type === 'heading') fields.heading = block.text;
  else if (block.type === 'table') {
    fields.caption = block.text;
    fields.body = tableText(datasets.get(block.datasetId ?? ''));
  } else if (block.type === 'figure') fields.caption = block.text;
  else fields.body = block.text;
  return fields;
}

/** lunr calls the tokenizer with each field's value; ours keeps positions for highlighting. */
function lunrTokenizer(value: unknown): lunr.Token[] {
  if (value === null || value === undefined) return [];
  return tokenize(String(value)).map(
    (t, index) => new lunr.Token(t.term, { position: [t.start, t.length], index }),
  );
}

export function datasetsById(bundle: Bundle): Map<string, Dataset> {
  return new Map(bundle.documents.flatMap((d) => d.datasets).map((d) => [d.id, d] as const));
}

/** Indexes every block of every document; refs are block positions in base 36 (short postings). */
export function buildLunrIndex(bundle: Bundle): lunr.Index {
  const datasets = datasetsById(bundle);
  const blocks = bundle.documents.flatMap((d) => d.blocks);
  return lunr(function build() {
    this.ref('id');
    for (const [field, boost] of Object.entries(FIELDS)) this.field(field, { boost });
    this.metadataWhitelist = ['position'];
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.tokenizer = lunrTokenizer as typeof lunr.tokenizer;
    blocks.forEach((block, i) => {
      this.add({ ...fieldsOf(block, datasets), id: i.toString(36) });
    });
  });
}

export function buildSearchIndex(bundle: Bundle): CompactIndex {
  return compactIndex(
    buildLunrIndex(bundle),
    bundle.documents.flatMap((d) => d.blocks.map((b) => b.id)),
  );
}
