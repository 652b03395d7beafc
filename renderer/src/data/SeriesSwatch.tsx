import { useId } from 'react';
import { BAR_PATTERNS, LINE_STYLES, type PatternName } from './chart-model.js';

// The legend's key for series i, drawn like the chart draws it: a line with its dash and point
// symbol, or a bar with its decal pattern. Decorative: the button holding it carries the name.

function PointSymbol({ name, color, background }: { name: string; color: string; background: string }) {
  const hollow = name.startsWith('empty');
  const fill = hollow ? background : color;
  const shape = name.replace(/^empty/, '').toLowerCase();
  const common = { fill, stroke: color, strokeWidth: hollow ? 1.6 : 0 };
  switch (shape) {
    case 'rect':
      return <rect x="10" y="2" width="8" height="8" {...common} />;
    case 'triangle':
      return <path d="M14 1.5 18.5 10h-9z" {...common} />;
    case 'diamond':
      return <path d="M14 1 18.5 6 14 11 9.5 6z" {...common} />;
    default:
      return <circle cx="14" cy="6" r="4" {...common} />;
  }
}

function PatternDefs({ id, pattern, ink }: { id: string; pattern: PatternName; ink: string }) {
  switch (pattern) {
    case 'stripes':
    case 'backslash':
      return (
        <pattern
          id={id}
          width="5"
          height="5"
          patternUnits="userSpaceOnUse"
          patternTransform={`rotate(${pattern === 'stripes' ? 45 : -45})`}
        >
          <rect width="2" height="5" fill={ink} />
        </pattern>
      );
    case 'dots':
      return (
        <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse">
          <circle cx="2.5" cy="2.5" r="1.3" fill={ink} />
        </pattern>
      );
    case 'hatch':
      return (
        <pattern id={id} width="5" height="4" patternUnits="userSpaceOnUse">
          <rect width="5" height="1.6" fill={ink} />
        </pattern>
      );
    case 'checks':
      return (
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="3" height="3" fill={ink} />
          <rect x="3" y="3" width="3" height="3" fill={ink} />
        </pattern>
      );
    default:
      return null;
  }
}

export function SeriesSwatch({
  kind,
  index,
  color,
  decal,
  background,
}: {
  kind: 'line' | 'bar';
  index: number;
  color: string;
  decal: string;
  background: string;
}) {
  const id = useId().replace(/:/g, '');
  if (kind === 'line') {
    const look = LINE_STYLES[index % LINE_STYLES.length] ?? LINE_STYLES[0];
    const dash = look?.dash === 'solid' || look === undefined ? undefined : look.dash.join(' ');
    return (
      <svg className="swatch" width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
        <line x1="1" y1="6" x2="27" y2="6" stroke={color} strokeWidth="2.5" strokeDasharray={dash} />
        <PointSymbol name={look?.symbol ?? 'circle'} color={color} background={background} />
      </svg>
    );
  }
  const pattern = BAR_PATTERNS[index % BAR_PATTERNS.length] ?? 'solid';
  return (
    <svg className="swatch" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false">
      <defs>
        <PatternDefs id={id} pattern={pattern} ink={decal} />
      </defs>
      <rect width="22" height="14" rx="3" fill={color} />
      {pattern !== 'solid' && <rect width="22" height="14" rx="3" fill={`url(#${id})`} />}
    </svg>
  );
}
