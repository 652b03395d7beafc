import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AnnotationFileError, readCollectionFile } from '../../annotations/codec.js';
import {
  type AnnotationCollection,
  type AnnotationFilter,
  COLORS,
  type Color,
} from '../../annotations/model.js';
import { ANNOTATIONS_FILE, BACKUP_FILE, JOURNAL_FILE, readStoreFolder } from '../../annotations/store.js';
import { EXPORT_FORMATS, type ExportFormat, exportAnnotations, prepareExport } from '../../export/index.js';
import { type ExportLang, LABELS } from '../../export/labels.js';
import { type CliContext, CliError, type Command } from '../context.js';

// `export --annotations <file> --format md|html|csv|json [--lang en|zh] [--out <path>]
//         [--doc <id>] [--color <c>] [--tag <t>]`
// `annotations list --annotations <file> [--doc <id>] [--color <c>] [--tag <t>] [--json]`
//
// The annotations file is only read, never written (re-anchoring against the bundle happens in
// memory). Exit codes: 2 = usage (missing or bad flag, unknown document); 1 = the annotations file
// cannot be used (missing, unreadable, corrupt, unknown or newer schema, too large) or the output
// cannot be written. Errors are one line on stderr.
//
// --color and --tag also accept the --color=<c> form, which works whatever the argument parser
// knows about them; --doc, --format, --lang, --out and --annotations accept both forms.

const EXPORT_FLAGS = new Set(['annotations', 'format', 'lang', 'out', 'doc', 'color', 'tag', 'json', 'help']);
const LIST_FLAGS = new Set(['annotations', 'doc', 'color', 'tag', 'lang', 'json', 'help']);

/** A flag's value from `--name value` (when run.ts knows the flag) or `--name=value`. */
function flagValue(ctx: CliContext, name: string): string | undefined {
  const values: string[] = [];
  for (const [key, value] of ctx.args.flags) {
    if (key === name) {
      if (value === true) throw new CliError(`--${name} needs a value (write --${name}=<value>)`);
      values.push(value);
    } else if (key.startsWith(`${name}=`)) values.push(key.slice(name.length + 1));
  }
  if (values.length > 1) throw new CliError(`--${name} given more than once`);
  return values[0];
}

function checkFlags(ctx: CliContext, allowed: ReadonlySet<string>): void {
  for (const key of ctx.args.flags.keys()) {
    const name = key.includes('=') ? key.slice(0, key.indexOf('=')) : key;
    if (!allowed.has(name)) throw new CliError(`unknown option --${name}`);
  }
}

function filterFrom(ctx: CliContext): AnnotationFilter {
  const filter: AnnotationFilter = {};
  const doc = flagValue(ctx, 'doc');
  if (doc !== undefined) {
    if (!ctx.store().document(doc)) throw new CliError(`unknown document: ${doc}`);
    filter.docId = doc;
  }
  const color = flagValue(ctx, 'color');
  if (color !== undefined) {
    if (!(COLORS as readonly string[]).includes(color)) {
      throw new CliError(`unknown colour: ${color} (one of ${COLORS.join(', ')})`);
    }
    filter.color = color as Color;
  }
  const tag = flagValue(ctx, 'tag');
  if (tag !== undefined) filter.tag = tag.normalize('NFC').trim();
  return filter;
}

function langFrom(ctx: CliContext): ExportLang {
  const lang = flagValue(ctx, 'lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh') throw new CliError(`--lang must be en or zh`);
  return lang;
}

function isStoreFile(file: string): boolean {
  return path.basename(file) === ANNOTATIONS_FILE && existsSync(path.join(path.dirname(file), JOURNAL_FILE));
}

/**
 * Writing `out` would replace the annotations file or a file of its store (the journal, the
 * backup): through a symbolic link or a hard link too (write-file-atomic writes through links).
 */
async function isOwnFile(out: string, input: string): Promise<boolean> {
  const resolved = async (p: string) => {
    try {
      return await realpath(p);
    } catch {
      // Not there yet: its folder may still be a link.
      return path.join(
        await realpath(path.dirname(p)).catch(() => path.resolve(path.dirname(p))),
        path.basename(p),
      );
    }
  };
  const [target, source] = await Promise.all([resolved(out), resolved(input)]);
  const storeFiles = [ANNOTATIONS_FILE, JOURNAL_FILE, BACKUP_FILE].map((f) =>
    path.join(path.dirname(source), f),
  );
  if (target === source || storeFiles.includes(target)) return true;
  const identity = (p: string) =>
    stat(p, { bigint: true }).then(
      (s) => `${s.dev}:${s.ino}`,
      () => undefined,
    );
  const written = await identity(target);
  if (written === undefined) return false;
  const own = await Promise.all([source, ...storeFiles].map(identity));
  return own.includes(written);
}

async function readInput(ctx: CliContext): Promise<{ file: string; collection: AnnotationCollection }> {
  const file = flagValue(ctx, 'annotations');
  if (file === undefined) throw new CliError('missing --annotations <file>');
  try {
    // The app's own annotations.json may have newer saves in the journal beside it: read both.
    const { collection } = isStoreFile(file)
      ? await readStoreFolder(path.dirname(file))
      : await readCollectionFile(file);
    return { file, collection };
  } catch (error) {
    if (error instanceof AnnotationFileError) {
      throw new CliError(
        `cannot use ${file}: ${error.message.replace(/\s+/g, ' ')} (${error.problem}); the file was not changed`,
        1,
      );
    }
    throw error;
  }
}

const exportCommand: Command = async (ctx) => {
  checkFlags(ctx, EXPORT_FLAGS);
  const format = flagValue(ctx, 'format');
  if (format === undefined) throw new CliError(`missing --format (${EXPORT_FORMATS.join('|')})`);
  if (!(EXPORT_FORMATS as string[]).includes(format)) {
    throw new CliError(`unknown format: ${format} (${EXPORT_FORMATS.join('|')})`);
  }
  const lang = langFrom(ctx);
  const filter = filterFrom(ctx);
  const out = flagValue(ctx, 'out');
  const annotationsFile = flagValue(ctx, 'annotations');
  if (out !== undefined && annotationsFile !== undefined && (await isOwnFile(out, annotationsFile))) {
    throw new CliError('--out must not be the annotations file, nor its journal or backup');
  }
  const { collection } = await readInput(ctx);
  const result = exportAnnotations(ctx.store(), collection, { format: format as ExportFormat, lang, filter });
  if (out === undefined) {
    ctx.io.out(result.content.replace(/\n$/, ''));
    return;
  }
  try {
    await writeFileAtomic(out, result.content, { encoding: 'utf8' });
  } catch (error) {
    throw new CliError(
      `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      1,
    );
  }
  const summary = { out, format, count: result.count, needsReview: result.needsReview };
  ctx.io.out(
    ctx.json
      ? JSON.stringify(summary, null, 2)
      : `wrote ${result.count} annotation${result.count === 1 ? '' : 's'}${result.needsReview > 0 ? ` (${result.needsReview} need review)` : ''} to ${out}`,
  );
};

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

const annotationsCommand: Command = async (ctx) => {
  const sub = ctx.args.positional[1];
  if (sub !== 'list')
    throw new CliError(sub ? `unknown annotations command: ${sub} (try list)` : 'missing subcommand (list)');
  checkFlags(ctx, LIST_FLAGS);
  const lang = langFrom(ctx);
  const filter = filterFrom(ctx);
  const { collection } = await readInput(ctx);
  const items = prepareExport(ctx.store(), collection.items, { lang, filter });
  const rows = items.map((i) => ({
    id: i.id,
    motivation: i.motivation,
    status: i.status,
    docId: i.docId,
    blockId: i.blockId ?? null,
    sectionPath: i.sectionPath,
    page: i.page ?? null,
    quote: i.quote,
    note: i.note,
    color: i.color ?? null,
    tags: i.tags,
    created: i.created,
    modified: i.modified,
    link: i.link ?? null,
  }));
  if (ctx.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    ctx.io.out('no annotations');
    return;
  }
  ctx.io.out(
    rows
      .map((r) => {
        const where =
          [r.docId, ...r.sectionPath].join(' › ') +
          (r.page !== null ? ` (${LABELS[lang].page(r.page)})` : '');
        const marks = [
          r.status === 'needs-review' ? '[needs review]' : '',
          r.color ?? '',
          ...r.tags.map((t) => `#${t}`),
        ]
          .filter(Boolean)
          .join(' ');
        const note = r.note ? `  — ${clip(r.note, 60)}` : '';
        return `${r.id}  ${where}  ${marks}\n  «${clip(r.quote, 60)}»${note}`;
      })
      .join('\n'),
  );
};

export const ANNOTATION_COMMANDS: Record<string, Command> = {
  export: exportCommand,
  annotations: annotationsCommand,
};

export const ANNOTATION_USAGE = [
  '  export --annotations <file> --format md|html|csv|json [--lang en|zh] [--out <path>]',
  '         [--doc <id>] [--color=<c>] [--tag=<t>]   export notes with citations',
  '  annotations list --annotations <file> [--doc <id>] [--color=<c>] [--tag=<t>]',
  '                       list annotations, re-anchored to the current text',
  '                       (exit 1: the annotations file cannot be used; it is never changed)',
];
