import type { BundleStore } from '../corpus/bundle-store.js';
import { buildDeepLink } from '../deeplink/deeplink.js';
import { prepareExport } from '../export/items.js';
import type { AnnotationView } from '../ipc/schemas/annotations.js';
import { type Annotation, fragmentOf, positionOf, quoteOf } from './model.js';

// Annotations as the renderer shows them (annotations:* replies): placed in the bundle, with their
// section path, page, quote and deep link.

/** The block a jump to a section lands on: its heading (same id in the report), else its first block. */
function sectionJumpBlock(bundle: BundleStore, docId: string, sectionId: string): string | undefined {
  const blocks = bundle.document(docId)?.blocks ?? [];
  return (
    blocks.find((b) => b.sectionId === sectionId && b.type === 'heading')?.id ??
    blocks.find((b) => b.sectionId === sectionId)?.id
  );
}

/** Annotations as the renderer shows them, in reading order (no re-anchoring: the store did it). */
export function toViews(
  bundle: BundleStore | undefined,
  annotations: readonly Annotation[],
): AnnotationView[] {
  return prepareExport(bundle, annotations, { lang: 'zh', reanchor: false }).map((item) => {
    const a = item.annotation;
    const bookmark = a.motivation === 'bookmarking';
    const placed = item.status === 'anchored';
    const position = !bookmark && placed ? positionOf(a) : undefined;
    const fragment = fragmentOf(a);
    const targetId = placed ? (item.blockId ?? null) : (fragment?.value ?? null);
    const jumpBlockId =
      placed && bundle && item.sectionId !== undefined
        ? bookmark
          ? (sectionJumpBlock(bundle, item.docId, item.sectionId) ?? null)
          : (item.blockId ?? null)
        : null;
    let link = item.link ?? null;
    if (bookmark && placed && jumpBlockId !== null) {
      try {
        link = buildDeepLink({ docId: item.docId, blockId: jumpBlockId });
      } catch {
        // Keep the document-level link.
      }
    }
    return {
      id: item.id,
      docId: item.docId,
      motivation: item.motivation,
      kind: bookmark ? 'section' : 'text',
      targetId,
      jumpBlockId,
      sectionId: item.sectionId ?? null,
      sectionPath: item.sectionPath,
      page: item.page ?? null,
      start: position?.start ?? null,
      end: position?.end ?? null,
      quote: item.quote || (quoteOf(a)?.exact ?? ''),
      note: item.note,
      noteFormat: item.noteFormat,
      tags: item.tags,
      color: item.color ?? null,
      status: item.status,
      created: item.created,
      modified: item.modified,
      link,
      order: item.order,
    } satisfies AnnotationView;
  });
}
