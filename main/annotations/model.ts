import { randomUUID } from 'node:crypto';
import type { Block, Section } from '../corpus/types.js';
import { codePointLength, codePointsToUtf16, snapRange, utf16ToCodePoints } from './text-position.js';

// Annotations follow the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/),
// serialised as JSON-LD with the standard context. The store file is one AnnotationCollection:
//
//   { "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
//     "schemaVersion": 1, "items": [Annotation, …] }
//
// An Annotation targets one block of one document:
//   target.source   = document id ("report", "paper", …)
//   target.selector = [ FragmentSelector { value: <block id>,
//                                          refinedBy: TextPositionSelector { start, end } },
//                       TextQuoteSelector { exact, prefix, suffix } ]
// start/end count Unicode code points within the block's text (as the model specifies), never
// UTF-16 units; prefix/suffix are up to CONTEXT_LENGTH code points of the same block's text.
// A bookmark (motivation "bookmarking") targets a section: FragmentSelector.value = section id,
// without refinedBy, plus a TextQuoteSelector whose `exact` is the section title.
// Bodies: one TextualBody with purpose "commenting" holds the note (format text/markdown or
// text/plain); one TextualBody with purpose "tagging" per tag.
//
// Extension properties (not in the W3C vocabulary; "rr:" compact IRIs with an undeclared prefix,
// which JSON-LD processors read as absolute IRIs in the rr: scheme and other tools ignore):
//   "rr:color"  – highlight colour, one of COLORS.
//   "rr:status" – "anchored" | "needs-review": the outcome of the last re-anchoring against the
//                 bundle. "needs-review" items keep their original selectors and are never
//                 placed, moved or deleted automatically.
//   target["rr:section"] – the section id the selected block belonged to when it was annotated;
//                 re-anchoring prefers matches in that section (the report repeats sentences).
//   collection["rr:journalCheckpoint"] – in the store file only: the seq of the last line of
//                 annotations.journal that the file holds (store.ts). Lines up to it are not
//                 replayed, and new lines are numbered after it.
//   "schemaVersion" on the collection – version of this file format (see migrations.ts).
// Properties written by other tools are preserved as they are.

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const SCHEMA_VERSION = 2;

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Color = (typeof COLORS)[number];

export const MOTIVATIONS = ['highlighting', 'commenting', 'bookmarking'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const ANCHOR_STATUSES = ['anchored', 'needs-review'] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

export const NOTE_FORMATS = ['text/markdown', 'text/plain'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

/** Code points of context kept before and after a quote. */
export const CONTEXT_LENGTH = 32;
export const MAX_NOTE_LENGTH = 200_000;
export const MAX_TAG_LENGTH = 200;
export const MAX_TAGS = 100;

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  purpose: 'commenting' | 'tagging';
  format?: NoteFormat;
  language?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Code points from the start of the block's text. */
  start: number;
  end: number;
}

export interface FragmentSelector {
  type: 'FragmentSelector';
  /** A block id, or (bookmarks) a section id. */
  value: string;
  conformsTo?: string;
  refinedBy?: TextPositionSelector;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** A selector of another type written by another tool: kept, ignored when anchoring. */
export interface ForeignSelector {
  type: string;
  [key: string]: unknown;
}

export type Selector = FragmentSelector | TextQuoteSelector | TextPositionSelector | ForeignSelector;

export interface Target {
  source: string;
  selector: Selector[];
  /** Extension: the section the selected block was in (a hint for re-anchoring). */
  'rr:section'?: string;
  [extra: string]: unknown;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  created: string;
  modified: string;
  body: TextualBody[];
  target: Target;
  'rr:color'?: Color;
  'rr:status'?: AnchorStatus;
  [extra: string]: unknown;
}

export interface AnnotationCollection {
  '@context': string | unknown[];
  type: 'AnnotationCollection';
  schemaVersion: number;
  items: Annotation[];
  /** The store file's checkpoint in the journal (see above); never exported. */
  'rr:journalCheckpoint'?: number;
  [extra: string]: unknown;
}

/** The collection property that holds the store file's checkpoint in the journal. */
export const JOURNAL_CHECKPOINT = 'rr:journalCheckpoint';

export function emptyCollection(): AnnotationCollection {
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    schemaVersion: SCHEMA_VERSION,
    items: [],
  };
}

export function newAnnotationId(): string {
  return `urn:uuid:${randomUUID()}`;
}

// ---------------------------------------------------------------------------------------------
// Reading an annotation

function isFragment(s: Selector): s is FragmentSelector {
  return s.type === 'FragmentSelector' && typeof (s as FragmentSelector).value === 'string';
}

function isQuote(s: Selector): s is TextQuoteSelector {
  return s.type === 'TextQuoteSelector' && typeof (s as TextQuoteSelector).exact === 'string';
}

export function fragmentOf(a: Pick<Annotation, 'target'>): FragmentSelector | undefined {
  return a.target.selector.find(isFragment);
}

export function quoteOf(a: Pick<Annotation, 'target'>): TextQuoteSelector | undefined {
  return a.target.selector.find(isQuote);
}

/** The block (or, for bookmarks, section) id the annotation was last anchored to. */
export function targetIdOf(a: Pick<Annotation, 'target'>): string | undefined {
  return fragmentOf(a)?.value;
}

export function positionOf(a: Pick<Annotation, 'target'>): { start: number; end: number } | undefined {
  const refined = fragmentOf(a)?.refinedBy;
  return refined ? { start: refined.start, end: refined.end } : undefined;
}

export function noteBodyOf(a: Pick<Annotation, 'body'>): TextualBody | undefined {
  return a.body.find((b) => b.purpose === 'commenting');
}

export function noteOf(a: Pick<Annotation, 'body'>): string {
  return noteBodyOf(a)?.value ?? '';
}

export function tagsOf(a: Pick<Annotation, 'body'>): string[] {
  return a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

export function colorOf(a: Annotation): Color | undefined {
  return a['rr:color'];
}

export function statusOf(a: Annotation): AnchorStatus {
  return a['rr:status'] ?? 'anchored';
}

// ---------------------------------------------------------------------------------------------
// Building targets and bodies

/**
 * Target for a selection in a block, given as UTF-16 offsets (what the DOM reports). The range is
 * snapped to whole grapheme clusters ('widen' by default: a selection that touched half an emoji
 * includes all of it) and stored in code points with the quote and its context.
 */
export function textTarget(
  block: Pick<Block, 'id' | 'docId' | 'text' | 'sectionId'>,
  utf16Start: number,
  utf16End: number,
  snap: 'widen' | 'narrow' = 'widen',
): Target {
  const text = block.text;
  const range = snapRange(text, utf16Start, utf16End, snap);
  const start = utf16ToCodePoints(text, range.start);
  const end = utf16ToCodePoints(text, range.end);
  return textTargetFromCodePoints(block, start, end);
}

/** Target for code-point offsets that already fall on grapheme boundaries. */
export function textTargetFromCodePoints(
  block: Pick<Block, 'id' | 'docId' | 'text' | 'sectionId'>,
  start: number,
  end: number,
): Target {
  const text = block.text;
  const s16 = codePointsToUtf16(text, start);
  const e16 = codePointsToUtf16(text, end);
  return {
    source: block.docId,
    selector: [
      { type: 'FragmentSelector', value: block.id, refinedBy: { type: 'TextPositionSelector', start, end } },
      quoteSelector(text, s16, e16),
    ],
    'rr:section': block.sectionId,
  };
}

/** TextQuoteSelector for the UTF-16 range [s16, e16) of `text`, with context from the same text. */
export function quoteSelector(text: string, s16: number, e16: number): TextQuoteSelector {
  const before = Array.from(text.slice(0, s16));
  const after = Array.from(text.slice(e16));
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(s16, e16),
    prefix: before.slice(Math.max(0, before.length - CONTEXT_LENGTH)).join(''),
    suffix: after.slice(0, CONTEXT_LENGTH).join(''),
  };
}

/** Target of a bookmark: a section, with its title kept as the quote for re-anchoring. */
export function sectionTarget(docId: string, section: Pick<Section, 'id' | 'title'>): Target {
  return {
    source: docId,
    selector: [
      { type: 'FragmentSelector', value: section.id },
      { type: 'TextQuoteSelector', exact: section.title },
    ],
  };
}

export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize('NFC').trim();
    if (tag.length === 0 || out.includes(tag)) continue;
    if (tag.length > MAX_TAG_LENGTH)
      throw new RangeError(`a tag is longer than ${MAX_TAG_LENGTH} characters`);
    out.push(tag);
  }
  if (out.length > MAX_TAGS) throw new RangeError(`more than ${MAX_TAGS} tags`);
  return out;
}

export function buildBody(note: string, format: NoteFormat, tags: readonly string[]): TextualBody[] {
  if (note.length > MAX_NOTE_LENGTH)
    throw new RangeError(`the note is longer than ${MAX_NOTE_LENGTH} characters`);
  const body: TextualBody[] = [];
  if (note.length > 0) body.push({ type: 'TextualBody', value: note, format, purpose: 'commenting' });
  for (const tag of normalizeTags(tags)) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return body;
}

export interface AnnotationInput {
  target: Target;
  /** Defaults: bookmarking for section targets is the caller's choice; else commenting with a note. */
  motivation?: Motivation;
  note?: string;
  noteFormat?: NoteFormat;
  tags?: readonly string[];
  color?: Color;
  /** Only for imports and tests; new annotations get a fresh urn:uuid. */
  id?: string;
}

export interface AnnotationPatch {
  note?: string;
  noteFormat?: NoteFormat;
  tags?: readonly string[];
  /** null removes the colour. */
  color?: Color | null;
  target?: Target;
  status?: AnchorStatus;
}

function inferMotivation(current: Motivation | undefined, note: string): Motivation {
  if (current === 'bookmarking') return current;
  return note.length > 0 ? 'commenting' : 'highlighting';
}

export function newAnnotation(input: AnnotationInput, now: Date = new Date()): Annotation {
  const note = input.note ?? '';
  const stamp = now.toISOString();
  const annotation: Annotation = {
    id: input.id ?? newAnnotationId(),
    type: 'Annotation',
    motivation: input.motivation ?? inferMotivation(undefined, note),
    created: stamp,
    modified: stamp,
    body: buildBody(note, input.noteFormat ?? 'text/markdown', input.tags ?? []),
    target: input.target,
  };
  if (input.color) annotation['rr:color'] = input.color;
  annotation['rr:status'] = 'anchored';
  return annotation;
}

/**
 * The bodies with the note (the first commenting body) and the tags changed as the patch says.
 * Everything else is kept as it is: other comments (replies written by other tools), and the
 * properties of kept bodies that we do not use (language, creator, id…).
 */
function patchBodies(body: readonly TextualBody[], patch: AnnotationPatch): TextualBody[] {
  let next = [...body];
  if (patch.note !== undefined || patch.noteFormat !== undefined) {
    const at = next.findIndex((b) => b.purpose === 'commenting');
    const current = next[at];
    const note = patch.note ?? current?.value ?? '';
    const format = patch.noteFormat ?? current?.format;
    const [built] = buildBody(note, format ?? 'text/markdown', []);
    // A format the body did not have is not added (without one, a note reads as plain text).
    if (current && built) next[at] = { ...current, value: built.value, ...(format ? { format } : {}) };
    else if (current) {
      // Emptied: removed, unless a later comment (a reply) would then read as the note.
      const replies = next.some((b, i) => i !== at && b.purpose === 'commenting');
      if (replies) next[at] = { ...current, value: '' };
      else next.splice(at, 1);
    } else if (built) next.unshift(built);
  }
  if (patch.tags !== undefined) {
    const tags = normalizeTags(patch.tags);
    const kept = next.filter((b) => b.purpose !== 'tagging' || tags.includes(b.value));
    const have = new Set(kept.filter((b) => b.purpose === 'tagging').map((b) => b.value));
    next = [
      ...kept,
      ...buildBody(
        '',
        'text/markdown',
        tags.filter((t) => !have.has(t)),
      ),
    ];
  }
  return next;
}

/** A new object with the patch applied and `modified` bumped (never earlier than before). */
export function patchAnnotation(a: Annotation, patch: AnnotationPatch, now: Date = new Date()): Annotation {
  const body = patchBodies(a.body, patch);
  const note = noteOf({ body });
  const previous = Date.parse(a.modified);
  const stamp = new Date(Math.max(now.getTime(), Number.isNaN(previous) ? 0 : previous + 1)).toISOString();
  const next: Annotation = {
    ...a,
    motivation: a.motivation === 'bookmarking' ? 'bookmarking' : inferMotivation(a.motivation, note),
    modified: stamp,
    body,
    target: patch.target ?? a.target,
  };
  if (patch.color === null) delete next['rr:color'];
  else if (patch.color !== undefined) next['rr:color'] = patch.color;
  if (patch.status) next['rr:status'] = patch.status;
  return next;
}

/** The text a text target points at now, if its block still exists and the position fits. */
export function selectedText(blockText: string, start: number, end: number): string | undefined {
  if (end > codePointLength(blockText) || start > end) return undefined;
  return blockText.slice(codePointsToUtf16(blockText, start), codePointsToUtf16(blockText, end));
}

export interface AnnotationFilter {
  docId?: string;
  color?: Color;
  tag?: string;
  motivation?: Motivation;
  status?: AnchorStatus;
}

export function matchesFilter(a: Annotation, filter: AnnotationFilter = {}): boolean {
  if (filter.docId !== undefined && a.target.source !== filter.docId) return false;
  if (filter.color !== undefined && a['rr:color'] !== filter.color) return false;
  if (filter.tag !== undefined && !tagsOf(a).includes(filter.tag)) return false;
  if (filter.motivation !== undefined && a.motivation !== filter.motivation) return false;
  if (filter.status !== undefined && statusOf(a) !== filter.status) return false;
  return true;
}
