import { writeFileSync } from 'node:fs';
import type { Dataset, Section } from '../../corpus/types.js';
import { exportDataset } from '../../datasets/export.js';
import { type CliContext, CliError, type Command, print } from '../context.js';
import { formatDataset, formatToc } from '../format.js';

// Commands that read the bundle: documents, tables of contents, blocks and datasets.

function tocTree(sections: Section[]): unknown[] {
  return sections.map((s) => ({
    id: s.id,
    title: s.title,
    level: s.level,
    ...(s.page !== undefined ? { page: s.page } : {}),
    ...(s.role ? { role: s.role } : {}),
    children: tocTree(s.children),
  }));
}

function requireDoc(ctx: CliContext) {
  const docId = ctx.args.positional[1];
  if (!docId) throw new CliError('missing document id (see `docs`)');
  const doc = ctx.store().document(docId);
  if (!doc) throw new CliError(`unknown document: ${docId}`);
  return doc;
}

export const CORPUS_COMMANDS: Record<string, Command> = {
  docs(ctx) {
    const docs = ctx
      .store()
      .documents()
      .map(({ meta }) => ({
        id: meta.id,
        source: meta.source,
        kind: meta.kind,
        lang: meta.lang,
        title: meta.title,
      }));
    print(ctx, docs, () => docs.map((d) => `${d.id}\t${d.kind}\t${d.title.zh}\t${d.title.en}`).join('\n'));
  },
  toc(ctx) {
    const doc = requireDoc(ctx);
    print(ctx, tocTree(doc.sections), () => formatToc(doc.sections));
  },
  show(ctx) {
    const blockId = ctx.args.positional[1];
    if (!blockId) throw new CliError('missing block id');
    const store = ctx.store();
    const block = store.block(blockId);
    if (!block) throw new CliError(`unknown block: ${blockId}`);
    const sectionPath = store.sectionPath(block.sectionId).map((s) => s.title);
    print(ctx, { ...block, sectionPath }, () => `${sectionPath.join(' › ')}\n[${block.type}] ${block.text}`);
  },
  dump(ctx) {
    const doc = requireDoc(ctx);
    const store = ctx.store();
    const rows = doc.blocks.map((b) => ({
      id: b.id,
      docId: b.docId,
      type: b.type,
      text: b.text,
      sectionPath: store.sectionPath(b.sectionId).map((s) => s.title),
      ...(b.page !== undefined ? { page: b.page } : {}),
    }));
    print(ctx, rows, () => rows.map((r) => `${r.id}\t${r.type}\t${r.text}`).join('\n'));
  },
  datasets(ctx) {
    const all: Dataset[] = ctx
      .store()
      .documents()
      .flatMap((d) => d.datasets);
    const id = ctx.args.positional[1];
    if (id === 'export') {
      exportDatasetCommand(ctx, all);
      return;
    }
    if (id) {
      const dataset = all.find((d) => d.id === id);
      if (!dataset) throw new CliError(`unknown dataset: ${id}`);
      print(ctx, dataset, () => formatDataset(dataset));
      return;
    }
    print(ctx, all, () =>
      all.map((d) => `${d.id}\t${d.number}\t${d.title}\t${d.rows.length} rows`).join('\n'),
    );
  },
};

/** `datasets export <id> --format csv|json [--out <path>]`: to a file, or to stdout. */
function exportDatasetCommand(ctx: CliContext, all: Dataset[]): void {
  const id = ctx.args.positional[2];
  if (!id) throw new CliError('missing dataset id (see `datasets`)');
  const dataset = all.find((d) => d.id === id);
  if (!dataset) throw new CliError(`unknown dataset: ${id}`);
  const format = ctx.args.flags.get('format');
  if (format !== 'csv' && format !== 'json') throw new CliError('--format must be csv or json');
  const report = ctx.store().document(dataset.docId)?.meta;
  if (!report) throw new CliError(`unknown document: ${dataset.docId}`);
  const content = exportDataset(dataset, report, format);
  const out = ctx.args.flags.get('out');
  if (typeof out === 'string') {
    writeFileSync(out, content);
    ctx.io.err(`wrote ${out}`);
  } else ctx.io.out(content.replace(/\n$/u, ''));
}

export const CORPUS_USAGE = [
  '  docs                 the documents',
  '  toc <docId>          table of contents',
  '  show <blockId>       one block with its section path',
  '  dump <docId>         all blocks in reading order',
  "  datasets [id]        the report's tables as datasets",
];
