import { MAX_FILE_BYTES } from './codec.js';
import { writeFileDurably } from './disk.js';
import type { JournalWriter } from './journal.js';
import type { Annotation } from './model.js';
import { type Changes, encodeSnapshot, type StoreState, takeSnapshot } from './state.js';

// How the store's changes reach the disk (the design and its crash analysis are in store.ts):
// commits append one journal line each, grouping the changes made while the previous commit was
// being written; compactions write annotations.json from memory and trim the journal. Two chains
// keep the files consistent: journal appends and trims run one at a time, and so do writes of
// annotations.json — but an append never waits for a write of annotations.json.

/** The change would make the file larger than MAX_FILE_BYTES (which the store refuses to load). */
export class StoreFullError extends Error {}

export interface WriterOptions {
  file: string;
  /** Where the current annotations.json goes before it is replaced (when it is ours). */
  backupFile: string;
  compactAfterLines: number;
  compactAfterBytes: number;
}

export class StoreWriter {
  /** Changes in memory that no commit has taken yet. */
  private pending: Changes = new Map();
  /**
   * For each id changed in memory and not yet committed: its value as last made durable (null:
   * none). A commit that fails puts these back, so that a save reported as failed is undone.
   */
  private onDisk: Changes = new Map();
  /** Failed commits undone in memory so far. */
  private undone = 0;
  /**
   * annotations.json may hold a change since undone (a compaction's snapshot took it before its
   * commit failed): the next commit rewrites the file from memory.
   */
  private mainHoldsUndone = false;
  private journalChain: Promise<void> = Promise.resolve();
  private nextCommit: Promise<void> | undefined;
  private mainChain: Promise<unknown> = Promise.resolve();
  private background: Promise<void> | undefined;
  /** Journal lines when a background compaction last failed (it is retried as many lines later). */
  private failedAtLines = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: WriterOptions,
    /** The store's state, read when a snapshot is taken. */
    private readonly state: () => StoreState,
    private readonly journal: JournalWriter,
    /** annotations.json exists and holds a version we loaded or wrote (safe to rotate into the backup). */
    private mainIsOurs: boolean,
    /** Put an id back in memory as it was last made durable (null: absent), after a failed commit. */
    private readonly revert: (id: string, item: Annotation | null) => void,
  ) {}

  /**
   * Note a change made in memory (null: removed), and what the id held before it (null:
   * nothing); `commit` makes it durable.
   */
  record(id: string, item: Annotation | null, before: Annotation | null): void {
    if (!this.onDisk.has(id)) this.onDisk.set(id, before);
    this.pending.set(id, item);
  }

  /** The journal has lines that annotations.json may lack. */
  get hasJournal(): boolean {
    return this.journal.count > 0 || this.journal.broken || this.mainHoldsUndone;
  }

  /**
   * A promise for a commit that starts after now, so it includes every change recorded so far.
   * Changes recorded while a commit is being written share the next one (group commit).
   */
  commit(): Promise<void> {
    if (!this.nextCommit) {
      const next = this.journalChain.then(() => {
        this.nextCommit = undefined;
        return this.commitPending();
      });
      this.nextCommit = next;
      this.journalChain = next.catch(() => undefined);
    }
    return this.nextCommit;
  }

  /** Wait for every commit so far, then fold the journal into annotations.json. */
  async flush(): Promise<void> {
    await this.journalChain;
    await this.background;
    if (this.hasJournal || this.pending.size > 0) await this.compact();
  }

  /** Write annotations.json, then drop the journal lines it holds. Appends go on meanwhile. */
  async compact(): Promise<void> {
    const seq = await this.writeMain();
    const trim = this.journalChain.then(() => this.journal.dropThrough(seq));
    this.journalChain = trim.catch(() => undefined);
    await trim;
  }

  /** Make the pending changes durable: one journal line, or annotations.json when that is better. */
  private async commitPending(): Promise<void> {
    const changes = this.pending;
    if (changes.size === 0 && !this.journal.broken && !this.mainHoldsUndone) return;
    this.pending = new Map();
    const { compactAfterBytes } = this.options;
    try {
      const rewrite = this.journal.broken || this.mainHoldsUndone;
      const line = rewrite ? undefined : this.journal.nextLine(changes);
      if (line && line.length <= compactAfterBytes && this.journal.bytes + line.length <= MAX_FILE_BYTES) {
        await this.journal.append(line);
      } else {
        // Too large for the journal (a big import), or the journal may end in a failed append:
        // write annotations.json, which holds these changes too, and empty the journal.
        const seq = await this.writeMain();
        // Durable now, whatever happens to the trim (the file's checkpoint keeps the older lines
        // from being replayed); if the trim fails, the journal is rewritten before the next append.
        await this.journal.dropThrough(seq).catch(() => {
          this.journal.broken = true;
        });
      }
    } catch (error) {
      // (A line that reached the journal was cut off by the append, or the journal marked broken.)
      this.undo(changes);
      throw error;
    }
    for (const [id, item] of changes) {
      // Changed again since: what is durable now is the base for that change.
      if (this.pending.has(id)) this.onDisk.set(id, item);
      else this.onDisk.delete(id);
    }
    this.compactIfDue();
  }

  /**
   * A commit failed: its callers are told so, and memory goes back to what was last made durable.
   * An id changed again since keeps that later change (it builds on this one and is still to
   * commit).
   */
  private undo(changes: Changes): void {
    // A compaction may have taken these changes into annotations.json (or be doing so).
    this.undone++;
    this.mainHoldsUndone = true;
    for (const id of changes.keys()) {
      if (this.pending.has(id)) continue;
      this.revert(id, this.onDisk.get(id) ?? null);
      this.onDisk.delete(id);
    }
  }

  private compactIfDue(): void {
    const lines = this.journal.count;
    const { compactAfterLines, compactAfterBytes } = this.options;
    if (lines < compactAfterLines && this.journal.bytes < compactAfterBytes) return;
    if (lines < this.failedAtLines + compactAfterLines) return;
    this.compactInBackground();
  }

  /**
   * Compact without making anyone wait, unless a compaction is already under way. A failure
   * leaves the journal as it is; the compaction is tried again `compactAfterLines` lines later.
   */
  compactInBackground(): void {
    if (this.background) return;
    this.background = this.compact()
      .then(
        () => {
          this.failedAtLines = Number.NEGATIVE_INFINITY;
        },
        () => {
          this.failedAtLines = this.journal.count;
        },
      )
      .finally(() => {
        this.background = undefined;
      });
  }

  /**
   * Write the collection as it is in memory to annotations.json (one write at a time). Resolves
   * with the last journal line it includes: every line up to it was appended before the snapshot,
   * so its changes are in it; a line appended later may be in it too, and replays harmlessly.
   */
  private writeMain(): Promise<number> {
    const run = this.mainChain.then(async () => {
      // Taken in one go: the last line appended and the items at that moment.
      const seq = this.journal.lastSeq;
      const undoneBefore = this.undone;
      const state = this.state();
      const snapshot = takeSnapshot(state, seq);
      const data = await encodeSnapshot(snapshot);
      // Never write a file this store would refuse to load.
      if (data.length > MAX_FILE_BYTES)
        throw new StoreFullError(`the annotations file would be ${data.length} bytes`);
      // The estimate becomes exact (changes made meanwhile keep their own share).
      state.bytes += data.length - snapshot.bytes;
      const { file, backupFile } = this.options;
      await writeFileDurably(file, data, this.mainIsOurs ? backupFile : undefined);
      this.mainIsOurs = true;
      // A commit undone since the snapshot may be in the file; those undone before it are not.
      if (this.undone === undoneBefore) this.mainHoldsUndone = false;
      return seq;
    });
    this.mainChain = run.catch(() => undefined);
    return run;
  }
}
