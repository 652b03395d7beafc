import { ANNOTATION_CONTEXT, JOURNAL_CHECKPOINT, SCHEMA_VERSION } from './model.js';

// Schema versions of the annotations file and the steps between them. `migrate` takes a parsed
// JSON value of any known version and returns a value in the current version's shape, which the
// caller then validates with collectionSchema. Each step is a pure function from version n to n+1;
// adding version 3 means writing MIGRATIONS[2] and bumping SCHEMA_VERSION.
//
// Versions:
//   0 – the prototype's flat format (never released; kept as the worked example):
//       { "version": 0, "annotations": [ { "id", "doc", "block", "quote", "note", "color",
//         "tags": [], "createdAt": <ms>, "updatedAt": <ms>, "kind": "highlight" | "bookmark",
//         "section"?: <section id> } ] }
//       Offsets were UTF-16 and are not carried over: v0 items anchor again by their quote.
//   1 – the W3C AnnotationCollection described in model.ts.
//   2 – the same, and the store file records its checkpoint in the journal ("rr:journalCheckpoint",
//       see store.ts). A version 1 app would keep that property while numbering its journal anew,
//       and the lines it wrote would then be skipped: it must refuse these files, hence the new
//       version. Version 1 files have no checkpoint (one found in them is dropped).
// A W3C file without "schemaVersion" (written by another tool), a bare array of annotations or a
// single annotation is read as version 1.

export class UnknownSchemaError extends Error {}
export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(
      `the file was written by a newer version of the app (schema ${version}; this app reads up to ${SCHEMA_VERSION})`,
    );
  }
}

type Migration = (value: Record<string, unknown>) => Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isoFromMs(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function migrateV0Item(item: unknown): unknown {
  if (!isRecord(item)) return item; // left for validation to reject
  const rawId = typeof item.id === 'string' ? item.id : '';
  const id = rawId.includes(':') ? rawId : `urn:report-reader:v0:${rawId}`;
  const created = isoFromMs(item.createdAt);
  const modified = isoFromMs(item.updatedAt) ?? created;
  const note = typeof item.note === 'string' ? item.note : '';
  const tags = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [];
  const bookmark = item.kind === 'bookmark';
  const body: unknown[] = [];
  if (note.length > 0)
    body.push({ type: 'TextualBody', value: note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  const selector: unknown[] = [];
  const fragment = bookmark ? item.section : item.block;
  if (typeof fragment === 'string') selector.push({ type: 'FragmentSelector', value: fragment });
  if (typeof item.quote === 'string') selector.push({ type: 'TextQuoteSelector', exact: item.quote });
  const out: Record<string, unknown> = {
    id,
    type: 'Annotation',
    motivation: bookmark ? 'bookmarking' : note.length > 0 ? 'commenting' : 'highlighting',
    body,
    target: { source: item.doc, selector },
  };
  if (created) out.created = created;
  if (modified) out.modified = modified;
  if (typeof item.color === 'string') out['rr:color'] = item.color;
  return out;
}

export const MIGRATIONS: Record<number, Migration> = {
  0: (v0) => ({
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    schemaVersion: 1,
    items: Array.isArray(v0.annotations) ? v0.annotations.map(migrateV0Item) : v0.annotations,
  }),
  1: (v1) => {
    const { [JOURNAL_CHECKPOINT]: _stale, ...rest } = v1;
    return { ...rest, schemaVersion: 2 };
  },
};

/** Version of a parsed annotations file, or an error when it is not one we know. */
export function detectVersion(value: unknown): number {
  if (Array.isArray(value)) return SCHEMA_VERSION;
  if (!isRecord(value)) throw new UnknownSchemaError('not an annotations file');
  if ('schemaVersion' in value) {
    const v = value.schemaVersion;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new UnknownSchemaError(`unknown schema version ${JSON.stringify(v)?.slice(0, 40)}`);
    }
    if (v > SCHEMA_VERSION) throw new NewerSchemaError(v);
    return v;
  }
  if (value.version === 0 && Array.isArray(value.annotations)) return 0;
  if (value.type === 'AnnotationCollection' || value.type === 'Annotation') return SCHEMA_VERSION;
  throw new UnknownSchemaError(
    'not an annotations file (no schemaVersion and not a W3C annotation collection)',
  );
}

/** Bring a parsed file of any known version to the current shape (not yet validated). */
export function migrate(value: unknown): { value: unknown; fromVersion: number } {
  const fromVersion = detectVersion(value);
  let current: unknown = value;
  if (Array.isArray(current) || (isRecord(current) && current.type === 'Annotation')) {
    current = {
      '@context': ANNOTATION_CONTEXT,
      type: 'AnnotationCollection',
      schemaVersion: SCHEMA_VERSION,
      items: Array.isArray(current) ? current : [current],
    };
  }
  if (isRecord(current) && !('schemaVersion' in current) && fromVersion === SCHEMA_VERSION) {
    // Another tool's collection: items may sit in its first page instead of "items".
    const first = current.first;
    const items = current.items ?? (isRecord(first) ? first.items : undefined) ?? [];
    const { first: _first, ...rest } = current;
    current = { ...rest, schemaVersion: SCHEMA_VERSION, items };
  }
  for (let v = fromVersion; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step || !isRecord(current)) throw new UnknownSchemaError(`no migration from schema ${v}`);
    current = step(current);
  }
  return { value: current, fromVersion };
}
