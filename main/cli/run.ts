import { BundleStore, bundleDir } from '../corpus/bundle-store.js';
import { ensureFreshBundle } from '../corpus/build-bundle.js';
import type { Dataset, Section } from '../corpus/types.js';
import { formatDataset, formatToc } from './format.js';

// The headless CLI: every command prints readable text, or JSON with --json. Unknown commands and
// ids exit with code 2 and one line on stderr.

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Lines of standard input, for commands that read queries from it. */
  stdinLines?: () => AsyncIterable<string>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['doc', 'limit', 'format', 'out', 'lang', 'annotations']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (VALUE_FLAGS.has(name)) {
        const value = argv[i + 1];
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      } else flags.set(name, true);
    } else positional.push(arg);
  }
  return { positional, flags };
}

export interface CliContext {
  args: ParsedArgs;
  json: boolean;
  store: () => BundleStore;
  io: CliIo;
}

type Command = (ctx: CliContext) => Promise<void> | void;

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

function print(ctx: CliContext, value: unknown, text: () => string): void {
  ctx.io.out(ctx.json ? JSON.stringify(value, null, 2) : text());
}

export const COMMANDS: Record<string, Command> = {
  docs(ctx) {
    const docs = ctx
      .store()
      .documents()
      .map(({ meta }) => ({ id: meta.id, source: meta.source, kind: meta.kind, lang: meta.lang, title: meta.title }));
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
    if (id) {
      const dataset = all.find((d) => d.id === id);
      if (!dataset) throw new CliError(`unknown dataset: ${id}`);
      print(ctx, dataset, () => formatDataset(dataset));
      return;
    }
    print(ctx, all, () => all.map((d) => `${d.id}\t${d.number}\t${d.title}\t${d.rows.length} rows`).join('\n'));
  },
};

export const USAGE = `usage: npm run -s cli -- <command> [args] [--json]
  docs                 the documents
  toc <docId>          table of contents
  show <blockId>       one block with its section path
  dump <docId>         all blocks in reading order
  datasets [id]        the report's tables as datasets`;

export async function runCli(argv: readonly string[], io: CliIo, root: string): Promise<number> {
  try {
    const args = parseArgs(argv);
    const name = args.positional[0];
    if (!name || args.flags.has('help')) {
      io.out(USAGE);
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new CliError(`unknown command: ${name} (try --help)`);
    let store: BundleStore | undefined;
    const ctx: CliContext = {
      args,
      json: args.flags.has('json'),
      io,
      store: () => {
        if (!store) {
          ensureFreshBundle(root);
          store = BundleStore.load(bundleDir(root));
        }
        return store;
      },
    };
    await command(ctx);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`error: ${error.message}`);
      return error.exitCode;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
