import type { ReactNode } from 'react';

// A note as the sidebar shows it. Markdown notes get the everyday subset — paragraphs, line breaks,
// lists, block quotes, headings, **bold**, *italic*, `code` — built as React nodes (never parsed as
// HTML, so a note cannot inject markup); links show their text and address. Plain-text notes keep
// their line breaks.

const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|\*[^*\n]+\*|_[^_\n]+_|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\))/g;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const token = match[0];
    const k = `${key}-${n++}`;
    if (token.startsWith('**') || token.startsWith('__'))
      out.push(<strong key={k}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={k}>{token.slice(1, -1)}</code>);
    else if (token.startsWith('[')) {
      const close = token.indexOf('](');
      out.push(
        <span key={k} className="note-link">
          {token.slice(1, close)} <span className="note-link__url">({token.slice(close + 2, -1)})</span>
        </span>,
      );
    } else out.push(<em key={k}>{token.slice(1, -1)}</em>);
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function lines(text: string, key: string): ReactNode[] {
  return text.split('\n').flatMap((line, i) => {
    const parts = inline(line, `${key}-${i}`);
    // biome-ignore lint/suspicious/noArrayIndexKey: lines never reorder
    return i === 0 ? parts : [<br key={`${key}-br-${i}`} />, ...parts];
  });
}

export function renderMarkdown(source: string): ReactNode[] {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return blocks.flatMap((block, b) => {
    const trimmed = block.trim();
    if (trimmed === '') return [];
    const rows = trimmed.split('\n');
    const key = `b${b}`;
    if (rows.every((row) => /^\s*[-*+]\s+/.test(row)))
      return [
        <ul key={key}>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items never reorder
            <li key={i}>{inline(row.replace(/^\s*[-*+]\s+/, ''), `${key}-${i}`)}</li>
          ))}
        </ul>,
      ];
    if (rows.every((row) => /^\s*\d+[.)]\s+/.test(row)))
      return [
        <ol key={key}>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items never reorder
            <li key={i}>{inline(row.replace(/^\s*\d+[.)]\s+/, ''), `${key}-${i}`)}</li>
          ))}
        </ol>,
      ];
    if (rows.every((row) => /^\s*>/.test(row)))
      return [
        <blockquote key={key}>
          {lines(rows.map((r) => r.replace(/^\s*>\s?/, '')).join('\n'), key)}
        </blockquote>,
      ];
    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (heading && rows.length === 1)
      return [
        <p key={key} className="note-heading">
          {inline(heading[2] ?? '', key)}
        </p>,
      ];
    return [<p key={key}>{lines(trimmed, key)}</p>];
  });
}

export function NoteText({ note, format }: { note: string; format: 'text/markdown' | 'text/plain' }) {
  if (format === 'text/plain') return <div className="note-text note-text--plain">{note}</div>;
  return <div className="note-text">{renderMarkdown(note)}</div>;
}
