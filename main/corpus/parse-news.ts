import { DocumentBuilder } from './document-builder.js';
import { codePointLength, endsSentence } from './text.js';
import type { DocMeta, ParsedDocument } from './types.js';

// Parser for the three news articles (assets/corpus/000_…, 001_…, 002_…). One printed paragraph
// per line, indented with two full-width spaces (U+3000); blank and whitespace-only lines are
// layout only. Rules, from reading the three files:
//
// - A line "ends" when it closes with sentence punctuation (`endsSentence`: 。！？… or a colon
//   introducing a list, as in 001 "…服贸会设置了7类活动："), optionally followed by closing
//   quotes/brackets. Every body paragraph of the three files ends; the open lines (no final
//   punctuation) are subheadings, decks and the opening summary.
// - Subheading: an open line of at most HEADING_MAX code points that does not directly follow
//   another subheading. Measured: subheadings are 4–36 code points (000: 8–11; 001: 25–36,
//   with commas; 002: 17–22, "新阶段：…").
// - Deck: an open line directly under a subheading (000 lines 5, 14, 24; 40–46 code points,
//   one sentence without a full stop) is a 'lead' block of that subheading's section, never a
//   second heading. Only 000 has decks; 001 and 002 subheadings are followed by paragraphs.
// - Opening box: 002 opens with the label "核心阅读" (key points) and the box text, closed by a
//   whitespace-only line; 000 opens with an unlabelled open summary line (80 code points, too long
//   for a subheading), also closed by a whitespace-only line. The box text becomes 'lead' blocks
//   at the top of the opening section; the label itself is not kept as text (the block type says
//   what it is). If no whitespace-only line closes a labelled box, the box is its first line.
// - Text before the first subheading forms an opening section titled with the document's Chinese
//   title (meta.title.zh), level 'chapter'. Subheadings are sibling 'chapter' sections after it.
// - Every section starts with a 'heading' block carrying its title and level.
// - Indentation is stripped; the text is otherwise kept exactly as printed.

const HEADING_MAX = 40;
const KEY_POINTS_LABEL = '核心阅读';

function isOpen(text: string): boolean {
  return !endsSentence(text);
}

interface Line {
  text: string;
  /** A whitespace-only or empty line follows this one directly. */
  blankAfter: boolean;
}

export function parseNews(raw: string, meta: DocMeta): ParsedDocument {
  const physical = raw.split(/\r?\n/u);
  const lines: Line[] = [];
  physical.forEach((text, i) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    lines.push({ text: trimmed, blankAfter: (physical[i + 1] ?? '').trim() === '' });
  });

  const builder = new DocumentBuilder(meta, { headingIds: 'text' });
  /** Every section is a top-level chapter that starts with its heading block. */
  const openSection = (title: string): void => {
    builder.openSection('chapter', title);
    builder.addBlock('heading', title);
  };

  let i = 0;
  // The opening box: the lines to keep as leads of the opening section.
  const box: string[] = [];
  const first = lines[0];
  if (first && first.text === KEY_POINTS_LABEL) {
    i = 1;
    while (i < lines.length) {
      const line = lines[i] as Line;
      box.push(line.text);
      i++;
      if (line.blankAfter) break;
    }
    // Without a closing blank line the whole rest would be swallowed: keep only the first line.
    if (i >= lines.length && box.length > 1) {
      box.splice(1);
      i = 2;
    }
  } else if (first && isOpen(first.text) && codePointLength(first.text) > HEADING_MAX) {
    box.push(first.text);
    i = 1;
  }

  /** Adds a block to the open section: the opening section until the first subheading opens. */
  const add = (type: 'paragraph' | 'lead', text: string): void => {
    if (!builder.currentSection) openSection(meta.title.zh);
    builder.addBlock(type, text);
  };
  for (const text of box) add('lead', text);

  let previousWasHeading = false;
  for (; i < lines.length; i++) {
    const text = (lines[i] as Line).text;
    if (isOpen(text) && previousWasHeading) {
      add('lead', text);
      previousWasHeading = false;
    } else if (isOpen(text) && codePointLength(text) <= HEADING_MAX) {
      openSection(text);
      previousWasHeading = true;
    } else {
      add('paragraph', text);
      previousWasHeading = false;
    }
  }

  return builder.finish();
}
