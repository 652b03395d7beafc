import type { ANNOTATION_COLORS } from '../../../main/ipc/schemas/annotations.js';

// The five highlight colours. Colour is never the only cue: each also has its own underline style
// (solid, double, dashed, dotted, wavy) drawn under the text, and a name in every tooltip and label.

export type HighlightColor = (typeof ANNOTATION_COLORS)[number];

export interface ColorInfo {
  color: HighlightColor;
  /** CSS text-decoration-style of its underline. */
  underline: 'solid' | 'double' | 'dashed' | 'dotted' | 'wavy';
  /** Keyboard digit in the toolbar (1–5). */
  digit: number;
}

export const COLOR_INFO: readonly ColorInfo[] = [
  { color: 'yellow', underline: 'solid', digit: 1 },
  { color: 'green', underline: 'double', digit: 2 },
  { color: 'blue', underline: 'dashed', digit: 3 },
  { color: 'pink', underline: 'dotted', digit: 4 },
  { color: 'purple', underline: 'wavy', digit: 5 },
];

export const HIGHLIGHT_COLORS: readonly HighlightColor[] = COLOR_INFO.map((c) => c.color);

export function colorInfo(color: HighlightColor | null | undefined): ColorInfo {
  return COLOR_INFO.find((c) => c.color === color) ?? (COLOR_INFO[0] as ColorInfo);
}

/** The class of a drawn highlight: background tint and underline style. */
export function highlightClass(color: HighlightColor | null | undefined): string {
  return `hl hl-${colorInfo(color).color}`;
}
