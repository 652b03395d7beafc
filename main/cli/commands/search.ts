import path from 'node:path';
import { bundleDir } from '../../corpus/bundle-store.js';
import type { SearchEngine, SearchHit, SearchResponse } from '../../search/engine.js';
import { loadSearchEngine } from '../../search/load.js';
import { markSnippet } from '../../search/snippet.js';
import { type CliContext, CliError, type Command } from '../context.js';

// `search "<query>" [--doc <docId>] [--limit N] [--json] [--stdin]`

function engineFor(ctx: CliContext): SearchEngine {
  return loadSearchEngine(bundleDir(ctx.root), path.join(ctx.root, 'assets'), ctx.store());
}

function publicHit(hit: SearchHit) {
  return {
    docId: hit.docId,
    blockId: hit.blockId,
    sectionPath: hit.sectionPath,
    snippet: hit.snippet,
    highlights: hit.highlights,
    text: hit.text,
    score: hit.score,
    matchedAll: hit.matchedAll,
  };
}

function describe(response: SearchResponse): string {
  const understood = response.understood
    .map((u) => {
      const shown = u.normalized ?? u.input;
      const prefix = u.kind === 'excluded' ? '-' : u.kind === 'phrase' ? '"' : '';
      const base = `${prefix}${u.input}${u.kind === 'phrase' ? '"' : ''}${u.normalized ? ` → ${shown}` : ''}`;
      return u.expansions.length > 0 ? `${base} → ${u.expansions.join(' / ')}` : base;
    })
    .join('; ');
  const count =
    response.mode === 'all'
      ? `${response.total} passages match every term`
      : response.mode === 'best'
        ? 'no passage contains every term; best matches'
        : 'no matches';
  const lines = [`query: ${understood || '(nothing searchable)'} — ${count}`];
  for (const hit of response.hits) {
    lines.push(`${hit.docId} › ${hit.sectionPath.join(' › ')}  [${hit.blockId}]`);
    lines.push(`  ${markSnippet({ text: hit.snippet, highlights: hit.highlights })}`);
  }
  return lines.join('\n');
}

function options(ctx: CliContext): { docId?: string; limit: number } {
  const limitFlag = ctx.args.flags.get('limit');
  const limit = typeof limitFlag === 'string' ? Number(limitFlag) : 10;
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number`);
  const doc = ctx.args.flags.get('doc');
  if (typeof doc === 'string' && !ctx.store().document(doc)) throw new CliError(`unknown document: ${doc}`);
  return typeof doc === 'string' ? { docId: doc, limit } : { limit };
}

const search: Command = async (ctx) => {
  const opts = options(ctx);
  const engine = engineFor(ctx);
  if (ctx.args.flags.has('stdin')) {
    const lines = ctx.io.stdinLines?.();
    if (!lines) throw new CliError('--stdin is not available here');
    for await (const query of lines) {
      const response = engine.search(query, opts);
      ctx.io.out(JSON.stringify({ query, hits: response.hits.map(publicHit) }));
    }
    return;
  }
  const query = ctx.args.positional.slice(1).join(' ');
  const response = engine.search(query, opts);
  ctx.io.out(ctx.json ? JSON.stringify(response.hits.map(publicHit), null, 2) : describe(response));
};

export const SEARCH_COMMANDS: Record<string, Command> = { search };

export const SEARCH_USAGE = ['  search "<query>"     [--doc <docId>] [--limit N] [--stdin] bilingual search'];
