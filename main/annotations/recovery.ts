import path from 'node:path';
import type { FileProblem } from './codec.js';
import type { AnnotationCollection } from './model.js';

// What opening the store had to do about unusable files, and how to tell the user.

export interface Recovery {
  /** Why the file could not be used (annotations.json, or the journal when restoredFrom is 'partial-journal'). */
  reason: FileProblem;
  detail: string;
  /** Where the unusable file now is; undefined when it could not be moved (store is read-only). */
  movedTo: string | undefined;
  /**
   * What the store holds instead: the backup; nothing; or ('partial-journal': only the journal of
   * recent changes was damaged) annotations.json with every change recorded before the damage.
   */
  restoredFrom: 'backup' | 'nothing' | 'partial-journal';
  /** The backup was unusable too and was moved here. */
  backupMovedTo?: string;
  /** annotations.json was unusable, and the journal of recent changes was damaged too and was moved here. */
  journalMovedTo?: string;
  readOnly: boolean;
}

export interface LoadResult {
  collection: AnnotationCollection;
  recovered: Recovery | undefined;
}

const REASON_TEXT: Record<FileProblem, { en: string; zh: string }> = {
  missing: { en: 'was missing', zh: '不存在' },
  unreadable: { en: 'could not be read', zh: '无法读取' },
  'too-large': { en: 'was too large (over 20 MB)', zh: '过大（超过 20 MB）' },
  'invalid-encoding': { en: 'was not valid text', zh: '不是有效的文本' },
  'invalid-json': { en: 'was damaged', zh: '已损坏' },
  'unsafe-keys': { en: 'contained unsafe data', zh: '含有不安全的数据' },
  'unknown-schema': { en: 'was in an unknown format', zh: '格式无法识别' },
  'newer-schema': {
    en: 'was written by a newer version of Report Reader',
    zh: '由更新版本的 Report Reader 写入',
  },
  'invalid-data': { en: 'contained invalid annotations', zh: '含有无效的批注' },
};

/** One user-facing sentence (or a few) describing a recovery. */
export function recoveryMessage(r: Recovery, lang: 'en' | 'zh' = 'en'): string {
  const why = REASON_TEXT[r.reason][lang];
  const name = (file: string) => path.basename(file);
  if (lang === 'zh') {
    const kept = r.movedTo ? `原文件已原样保存为 ${name(r.movedTo)}。` : '原文件无法移动，批注暂为只读。';
    if (r.restoredFrom === 'partial-journal') {
      return `最近修改的记录文件（annotations.journal）${why}。${kept}批注已恢复到损坏之前的最后一次修改。`;
    }
    const now =
      r.restoredFrom === 'backup'
        ? '已从备份恢复批注（含其后记录的修改）。出问题前不久的部分修改可能缺失，原样保存的文件中或许仍有。'
        : '没有可用的备份，批注列表为空。';
    const journal = r.journalMovedTo
      ? `最近修改的记录文件也已损坏，已原样保存为 ${name(r.journalMovedTo)}。`
      : '';
    return `批注文件${why}。${kept}${now}${journal}`;
  }
  const kept = r.movedTo
    ? `The original was kept unchanged as ${name(r.movedTo)}.`
    : 'The original could not be moved, so annotations are read-only for now.';
  if (r.restoredFrom === 'partial-journal') {
    return `The record of your recent changes (annotations.journal) ${why}. ${kept} Your annotations were restored up to the last change before the damage.`;
  }
  const now =
    r.restoredFrom === 'backup'
      ? 'Your annotations were restored from the backup, with the changes recorded since. Some changes made shortly before the problem may be missing; the kept file may still hold them.'
      : 'No usable backup was found.';
  const journal = r.journalMovedTo
    ? ` The record of recent changes was damaged too and was kept as ${name(r.journalMovedTo)}.`
    : '';
  return `The annotations file ${why}. ${kept} ${now}${journal}`;
}
