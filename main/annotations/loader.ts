import path from 'node:path';
import { AnnotationFileError, decodeUtf8, parseCollectionParts, readFileBounded } from './codec.js';
import { ANNOTATIONS_FILE, BACKUP_FILE, JOURNAL_FILE } from './disk.js';
import { type JournalRead, linesAfter, readJournal } from './journal.js';
import { type AnnotationCollection, JOURNAL_CHECKPOINT } from './model.js';
import { applyChanges, collectionOf, emptyState, type StoreState, stateFromParts } from './state.js';

// Reading a store's folder, without changing anything in it: annotations.json (or, when it is
// missing or unusable, annotations.backup.json, or nothing), then the journal's changes on top.
// The store decides what to do about the problems found (store.ts); readStoreFolder reports them.

export interface FolderContents {
  /** What to hold: the chosen file plus the journal's usable lines. */
  state: StoreState;
  source: 'main' | 'backup' | 'empty';
  /** annotations.json exists but cannot be used. */
  mainProblem?: AnnotationFileError;
  /** The backup was needed, exists, and cannot be used. */
  backupProblem?: AnnotationFileError;
  journal: JournalRead;
  /** Journal lines applied: those after the chosen file's checkpoint. */
  replayed: number;
  /** The chosen file's checkpoint (0: none): new lines are numbered after it. */
  checkpoint: number;
}

export async function readFolder(dir: string): Promise<FolderContents> {
  let state: StoreState | undefined;
  let source: FolderContents['source'] = 'empty';
  let mainProblem: AnnotationFileError | undefined;
  let backupProblem: AnnotationFileError | undefined;
  try {
    state = await readStateFile(path.join(dir, ANNOTATIONS_FILE));
    source = 'main';
  } catch (error) {
    if (!(error instanceof AnnotationFileError)) throw error;
    if (error.problem !== 'missing') mainProblem = error;
  }
  if (!state) {
    try {
      state = await readStateFile(path.join(dir, BACKUP_FILE));
      source = 'backup';
    } catch (error) {
      if (!(error instanceof AnnotationFileError)) throw error;
      if (error.problem !== 'missing') backupProblem = error;
    }
  }
  state ??= emptyState();
  // The journal holds the changes made after annotations.json was written: the lines after the
  // file's checkpoint (the lines up to it may still be there if a trim was interrupted; the file
  // holds them, or later versions). Over the backup (when annotations.json is unusable) it still
  // brings back the latest changes: each line sets whole annotations, so the result is the backup
  // with every journaled change after its own checkpoint applied.
  const journal = await readJournal(path.join(dir, JOURNAL_FILE));
  const recorded = state.head[JOURNAL_CHECKPOINT];
  const checkpoint = typeof recorded === 'number' ? recorded : 0;
  const replay = linesAfter(journal.lines, checkpoint);
  for (const line of replay) applyChanges(state, line.changes);
  return { state, source, mainProblem, backupProblem, journal, replayed: replay.length, checkpoint };
}

/** Parse, migrate, validate and freeze an annotations file. Throws AnnotationFileError. */
async function readStateFile(file: string): Promise<StoreState> {
  const bytes = await readFileBounded(file);
  return stateFromParts(parseCollectionParts(decodeUtf8(bytes)), bytes.length);
}

export interface StoredCollection {
  collection: AnnotationCollection;
  /** Journal lines replayed on top of annotations.json. */
  journalLines: number;
  /** Bytes of an interrupted append at the end of the journal, ignored. */
  tornBytes: number;
}

/**
 * What a store opened on `dir` would hold, read without changing anything (tools, tests):
 * annotations.json (the backup when annotations.json is missing) plus the journal. Throws
 * AnnotationFileError when a file the store would move aside is found instead.
 */
export async function readStoreFolder(dir: string): Promise<StoredCollection> {
  const read = await readFolder(dir);
  const problem = read.mainProblem ?? read.backupProblem;
  if (problem) throw problem;
  if (read.journal.damage) {
    const { problem, detail } = read.journal.damage;
    throw new AnnotationFileError(problem, `${JOURNAL_FILE}: ${detail}`);
  }
  return {
    collection: collectionOf(read.state),
    journalLines: read.replayed,
    tornBytes: read.journal.tornBytes,
  };
}
