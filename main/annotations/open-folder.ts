import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ANNOTATIONS_FILE,
  BACKUP_FILE,
  copyAside,
  JOURNAL_FILE,
  moveAside,
  removeStaleTemps,
} from './disk.js';
import { JournalWriter } from './journal.js';
import { readFolder } from './loader.js';
import type { Recovery } from './recovery.js';
import type { StoreState } from './state.js';

// Opening a store's folder: temporary files of interrupted writes removed, the files read
// (loader.ts), unusable ones renamed aside — never overwritten or cleared — and what happened
// described as a Recovery. An interrupted append at the end of the journal is cut off, so that
// lines appended later follow a complete line.

export interface OpenedFolder {
  state: StoreState;
  recovered: Recovery | undefined;
  /** A file that cannot be used could not be moved aside: nothing may be written. */
  readOnly: boolean;
  /** annotations.json was loaded (so it is safe to rotate into the backup). */
  mainIsOurs: boolean;
  journal: JournalWriter;
}

export async function openFolder(dir: string, now: Date): Promise<OpenedFolder> {
  await mkdir(dir, { recursive: true });
  await removeStaleTemps(dir);
  const file = path.join(dir, ANNOTATIONS_FILE);
  const journalFile = path.join(dir, JOURNAL_FILE);
  const read = await readFolder(dir);
  let recovered: Recovery | undefined;
  if (read.mainProblem) {
    const movedTo = await moveAside(file, 'annotations.corrupt', '.json', now);
    recovered = {
      reason: read.mainProblem.problem,
      detail: read.mainProblem.message,
      movedTo,
      restoredFrom: read.source === 'backup' ? 'backup' : 'nothing',
      readOnly: movedTo === undefined,
    };
  }
  if (read.backupProblem) {
    const backup = path.join(dir, BACKUP_FILE);
    const backupMovedTo = await moveAside(backup, 'annotations.backup.corrupt', '.json', now);
    if (recovered) {
      if (backupMovedTo) recovered.backupMovedTo = backupMovedTo;
    } else {
      // annotations.json was missing and the backup is unusable: report the backup instead.
      recovered = {
        reason: read.backupProblem.problem,
        detail: `annotations.json was missing; the backup: ${read.backupProblem.message}`,
        movedTo: backupMovedTo,
        restoredFrom: 'nothing',
        readOnly: backupMovedTo === undefined,
      };
    }
  }
  const { damage } = read.journal;
  let journal: JournalWriter;
  if (damage) {
    // The lines before the damage are in the state. The file is kept as it is under a new name (a
    // copy), then the journal is rewritten with those lines only: they stay on disk until a
    // compaction holds them, whatever happens meanwhile. If it cannot be copied, nothing may be
    // written: a write would trim or append to it.
    // Anything but a regular file (a FIFO would block the copy) is renamed aside instead.
    const regular = (await lstat(journalFile).catch(() => undefined))?.isFile() === true;
    const movedTo = regular
      ? await copyAside(journalFile, 'annotations.journal.corrupt', '.jsonl', now)
      : await moveAside(journalFile, 'annotations.journal.corrupt', '.jsonl', now);
    if (recovered) {
      if (movedTo) recovered.journalMovedTo = movedTo;
      else recovered.readOnly = true;
    } else {
      recovered = {
        reason: damage.problem,
        detail: `${JOURNAL_FILE}: ${damage.detail}`,
        movedTo,
        restoredFrom: 'partial-journal',
        readOnly: movedTo === undefined,
      };
    }
    journal = new JournalWriter(journalFile, { lines: read.journal.lines, exists: regular }, read.checkpoint);
    if (movedTo && regular) {
      // Rewritten now with the lines after the checkpoint (or before the next append, if this
      // fails); the lines up to it are in annotations.json.
      journal.broken = true;
      await journal.dropThrough(read.checkpoint).catch(() => undefined);
    }
  } else journal = new JournalWriter(journalFile, read.journal, read.checkpoint);
  const readOnly = recovered?.readOnly ?? false;
  if (!readOnly && !damage && read.journal.tornBytes > 0) {
    await journal.truncate(read.journal.validBytes).catch(() => {
      // Appending after the torn bytes would bury them mid-file: rewrite the journal first.
      journal.broken = true;
    });
  }
  const lastLine = read.journal.lines.at(-1);
  if (!readOnly && !damage && lastLine !== undefined && lastLine.seq <= read.checkpoint) {
    // Every line is one annotations.json holds (its trim was interrupted): drop them now, so that
    // the next line, numbered after the checkpoint, does not follow them with a gap.
    await journal.dropThrough(read.checkpoint).catch(() => {
      journal.broken = true;
    });
  }
  return { state: read.state, recovered, readOnly, mainIsOurs: read.source === 'main', journal };
}
