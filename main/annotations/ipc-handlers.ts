import path from 'node:path';
import type { BundleStore } from '../corpus/bundle-store.js';
import type { ChooseSavePath } from '../datasets/save-file.js';
import { saveFile } from '../datasets/save-file.js';
import type { Navigation } from '../deeplink/inbox.js';
import type { ExportFormat } from '../export/filename.js';
import { exportAnnotations } from '../export/index.js';
import { HandlerError } from '../ipc/contract.js';
import type { Handlers } from '../ipc/handlers.js';
import type {
  ANCHOR_STATUS_VALUES,
  ANNOTATION_COLORS,
  ANNOTATION_MOTIVATIONS,
  AnnotationFilterRequest,
  AnnotationStatus,
  AnnotationView,
  EXPORT_FORMAT_VALUES,
  IMPORT_PROBLEMS,
  NOTE_FORMAT_VALUES,
  NOTE_MAX,
  RESTORED_FROM,
  StoredAnnotation,
  TAG_MAX_LENGTH,
  TAGS_MAX,
} from '../ipc/schemas/annotations.js';
import { AnnotationFileError, type FileProblem, readCollectionFile } from './codec.js';
import {
  type AnchorStatus,
  type Annotation,
  type AnnotationFilter,
  type Color,
  fragmentOf,
  type MAX_NOTE_LENGTH,
  type MAX_TAG_LENGTH,
  type MAX_TAGS,
  type Motivation,
  type NoteFormat,
  positionOf,
  quoteOf,
  sectionTarget,
  textTarget,
} from './model.js';
import { matchesQuery } from './query.js';
import type { Recovery } from './recovery.js';
import { InvalidAnnotationsError } from './schema.js';
import {
  AnnotationNotFoundError,
  type AnnotationStore,
  recoveryMessage,
  StoreFullError,
  StoreReadOnlyError,
} from './store.js';
import { toViews } from './views.js';

// The annotation channels (and navigation:pending) as plain functions over injected dependencies —
// the store, the bundle, the save dialog of file:save, an open dialog, the deep-link inbox:
// main.ts passes Electron's, the browser host its own, tests fakes. Nothing here imports electron.
//
// Offsets: annotations:create takes UTF-16 offsets in the block's text (what the DOM counts) and
// builds the target with textTarget(), which snaps them to whole grapheme clusters and stores code
// points with the quote and its context — one place for that logic, whatever the caller.

export interface AnnotationHandlerDeps {
  /** The bundle (every annotation points into it). */
  store: () => BundleStore;
  /** The user's annotations; absent in a build without a data folder. */
  annotations?: () => AnnotationStore;
  /** The save dialog (shared with file:save and datasets:export). */
  files?: () => { chooseSavePath: ChooseSavePath };
  /** Asks the user for an annotations file to import: its path, or null when cancelled. */
  chooseImportFile?: () => Promise<string | null>;
  /** report-reader:// links from the system, waiting for the renderer. */
  deepLinks?: () => { take(): Navigation | null };
}

export type AnnotationChannel =
  | 'annotations:list'
  | 'annotations:create'
  | 'annotations:createMany'
  | 'annotations:update'
  | 'annotations:remove'
  | 'annotations:restore'
  | 'annotations:bookmark'
  | 'annotations:export'
  | 'annotations:import'
  | 'annotations:status'
  | 'navigation:pending';

/**
 * The target of a selection [start, end) (UTF-16 offsets) in a block of `docId`, snapped to whole
 * characters; HandlerError when the block is not there or the selection holds no text.
 */
function selectionTarget(
  bundle: BundleStore,
  docId: string,
  { blockId, start, end }: { blockId: string; start: number; end: number },
) {
  const block = bundle.block(blockId);
  if (block === undefined || block.docId !== docId) {
    throw new HandlerError('NOT_FOUND', `No block ${JSON.stringify(blockId)} in ${docId}.`);
  }
  if (end > block.text.length) {
    throw new HandlerError('BAD_REQUEST', 'The selection reaches past the end of the passage.');
  }
  const target = textTarget(block, start, end, 'widen');
  const position = positionOf({ target });
  const quote = quoteOf({ target })?.exact ?? '';
  if (position === undefined || position.start >= position.end || quote.trim() === '') {
    throw new HandlerError('BAD_REQUEST', 'The selection holds no text.');
  }
  return target;
}

function available<T>(dep: (() => T) | undefined, what: string): T {
  if (dep === undefined) throw new Error(`${what} is not available in this build.`);
  return dep();
}

// The IPC schemas repeat the model's constants (they cannot import it, see schemas/annotations.ts):
// the compiler checks that both agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(value: T) => value;
agree<Same<(typeof ANNOTATION_COLORS)[number], Color>>(true);
agree<Same<(typeof ANNOTATION_MOTIVATIONS)[number], Motivation>>(true);
agree<Same<(typeof ANCHOR_STATUS_VALUES)[number], AnchorStatus>>(true);
agree<Same<(typeof NOTE_FORMAT_VALUES)[number], NoteFormat>>(true);
agree<Same<(typeof EXPORT_FORMAT_VALUES)[number], ExportFormat>>(true);
agree<Same<typeof NOTE_MAX, typeof MAX_NOTE_LENGTH>>(true);
agree<Same<typeof TAG_MAX_LENGTH, typeof MAX_TAG_LENGTH>>(true);
agree<Same<typeof TAGS_MAX, typeof MAX_TAGS>>(true);
agree<Same<(typeof RESTORED_FROM)[number], Recovery['restoredFrom']>>(true);
agree<Same<Exclude<(typeof IMPORT_PROBLEMS)[number], 'store-full' | 'read-only'>, FileProblem>>(true);

/** The store's errors as the reply codes the renderer can act on. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    if (error instanceof AnnotationNotFoundError) throw new HandlerError('NOT_FOUND', error.message);
    if (error instanceof StoreReadOnlyError) throw new HandlerError('FORBIDDEN', error.message);
    if (
      error instanceof StoreFullError ||
      error instanceof InvalidAnnotationsError ||
      error instanceof RangeError
    ) {
      throw new HandlerError('BAD_REQUEST', error.message);
    }
    throw error;
  }
}

function toFilter(filter: AnnotationFilterRequest | undefined): AnnotationFilter {
  const out: AnnotationFilter = {};
  if (filter?.docId !== undefined) out.docId = filter.docId;
  if (filter?.color !== undefined) out.color = filter.color;
  if (filter?.tag !== undefined) out.tag = filter.tag;
  if (filter?.motivation !== undefined) out.motivation = filter.motivation;
  if (filter?.status !== undefined) out.status = filter.status;
  return out;
}

function optionalBundle(deps: AnnotationHandlerDeps): BundleStore | undefined {
  try {
    return deps.store();
  } catch {
    // Annotations stay listable (unplaced) even without a bundle.
    return undefined;
  }
}

export function createAnnotationHandlers(deps: AnnotationHandlerDeps): Pick<Handlers, AnnotationChannel> {
  let recoveryReported = false;
  const store = () => available(deps.annotations, 'Annotations');
  const viewOf = (a: Annotation): AnnotationView => {
    const [view] = toViews(optionalBundle(deps), [a]);
    if (view === undefined) throw new Error('annotation could not be shown');
    return view;
  };
  const needsReviewCount = async () => (await store().list({ status: 'needs-review' })).length;

  return {
    'annotations:list': (filter) =>
      guarded(async () => {
        const items = await store().list(toFilter(filter));
        return toViews(optionalBundle(deps), items);
      }),

    'annotations:create': (request) =>
      guarded(async () => {
        const created = await store().create({
          target: selectionTarget(deps.store(), request.docId, request),
          ...(request.motivation !== undefined ? { motivation: request.motivation } : {}),
          note: request.note ?? '',
          noteFormat: request.noteFormat ?? 'text/markdown',
          tags: request.tags ?? [],
          color: request.color ?? 'yellow',
        });
        return viewOf(created);
      }),

    // One highlight per passage of a selection across passages: all saved, or none.
    'annotations:createMany': ({ docId, color, parts }) =>
      guarded(async () => {
        const bundle = deps.store();
        const inputs = parts.map((part) => ({
          target: selectionTarget(bundle, docId, part),
          note: '',
          tags: [],
          color: color ?? 'yellow',
        }));
        return (await store().createMany(inputs)).map(viewOf);
      }),

    'annotations:update': ({ id, ...patch }) =>
      guarded(async () => {
        const updated = await store().update(id, {
          ...(patch.note !== undefined ? { note: patch.note } : {}),
          ...(patch.noteFormat !== undefined ? { noteFormat: patch.noteFormat } : {}),
          ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
          ...(patch.color !== undefined ? { color: patch.color } : {}),
        });
        return viewOf(updated);
      }),

    'annotations:remove': ({ id }) =>
      guarded(async () => {
        const removed = await store().remove(id);
        return { removed: removed ? (removed as unknown as StoredAnnotation) : null };
      }),

    'annotations:restore': ({ annotation }) =>
      guarded(async () => viewOf(await store().restore(annotation as unknown as Annotation))),

    'annotations:bookmark': ({ docId, sectionId, note }) =>
      guarded(async () => {
        const bundle = deps.store();
        const section = bundle.section(sectionId);
        if (
          bundle.document(docId) === undefined ||
          section === undefined ||
          !sectionId.startsWith(`${docId}.`)
        ) {
          throw new HandlerError('NOT_FOUND', `No section ${JSON.stringify(sectionId)} in ${docId}.`);
        }
        // One bookmark per section: bookmarking it again returns the one that is there.
        const bookmark = await store().createOnce(
          {
            target: sectionTarget(docId, section),
            motivation: 'bookmarking',
            note: note ?? '',
            noteFormat: 'text/markdown',
          },
          (a) =>
            a.motivation === 'bookmarking' && a.target.source === docId && fragmentOf(a)?.value === sectionId,
        );
        return viewOf(bookmark);
      }),

    'annotations:export': ({ format, lang, filter, query }) =>
      guarded(async () => {
        const bundle = optionalBundle(deps);
        const collection = await store().collection();
        let items = collection.items;
        if (query !== undefined && query.trim() !== '') {
          const keep = new Set(
            toViews(bundle, items)
              .filter((v) => matchesQuery(v, query))
              .map((v) => v.id),
          );
          items = items.filter((a) => keep.has(a.id));
        }
        const result = exportAnnotations(
          bundle,
          { ...collection, items },
          { format, lang, filter: toFilter(filter) },
        );
        const saved = await saveFile(available(deps.files, 'Saving files').chooseSavePath, {
          suggestedName: result.fileName,
          content: result.content,
          kind: format,
          encoding: 'utf8',
        });
        return {
          saved: saved.saved,
          ...(saved.path !== undefined ? { path: saved.path } : {}),
          fileName: saved.path !== undefined ? path.basename(saved.path) : result.fileName,
          count: result.count,
          needsReview: result.needsReview,
        };
      }),

    'annotations:import': () =>
      guarded(async () => {
        const empty = { added: 0, updated: 0, unchanged: 0, skipped: 0 };
        const choose = available(() => deps.chooseImportFile, 'Importing files');
        if (choose === undefined) throw new Error('Importing files is not available in this build.');
        const file = await choose();
        if (file === null) return { imported: false, ...empty, needsReview: await needsReviewCount() };
        const fileName = path.basename(file);
        let read: Awaited<ReturnType<typeof readCollectionFile>>;
        try {
          // Another tool's file may hold items we cannot read (other motivations, bodies that are
          // not text…): the others are imported, and those counted.
          read = await readCollectionFile(file, { skipInvalidItems: true });
          if (read.collection.items.length === 0 && read.skipped.first !== undefined)
            throw new AnnotationFileError('invalid-data', read.skipped.first);
        } catch (error) {
          if (!(error instanceof AnnotationFileError)) throw error;
          return {
            imported: false,
            fileName,
            problem: error.problem,
            detail: error.message,
            ...empty,
            needsReview: await needsReviewCount(),
          };
        }
        const annotationStore = store();
        let summary: Awaited<ReturnType<AnnotationStore['importCollection']>>;
        try {
          summary = await annotationStore.importCollection(read.collection);
        } catch (error) {
          if (error instanceof StoreFullError || error instanceof StoreReadOnlyError) {
            return {
              imported: false,
              fileName,
              problem: error instanceof StoreFullError ? 'store-full' : 'read-only',
              detail: error.message,
              ...empty,
              needsReview: await needsReviewCount(),
            };
          }
          throw error;
        }
        // Imported annotations may come from another version of the texts: place them now.
        const bundle = optionalBundle(deps);
        if (bundle) await annotationStore.reanchor(bundle);
        return {
          imported: true,
          fileName,
          ...summary,
          skipped: read.skipped.count,
          ...(read.skipped.first !== undefined ? { detail: read.skipped.first } : {}),
          needsReview: await needsReviewCount(),
        };
      }),

    'annotations:status': () =>
      guarded(async () => {
        const annotationStore = store();
        const { recovered } = await annotationStore.load();
        const items = await annotationStore.list();
        let recovery: AnnotationStatus['recovery'] = null;
        if (recovered && !recoveryReported) {
          recoveryReported = true;
          recovery = {
            message: { zh: recoveryMessage(recovered, 'zh'), en: recoveryMessage(recovered, 'en') },
            ...(recovered.movedTo ? { movedTo: path.basename(recovered.movedTo) } : {}),
            restoredFrom: recovered.restoredFrom,
          };
        }
        return {
          recovery,
          readOnly: annotationStore.isReadOnly,
          count: items.length,
          needsReview: items.filter((a) => a['rr:status'] === 'needs-review').length,
        };
      }),

    'navigation:pending': async () => deps.deepLinks?.().take() ?? null,
  };
}
