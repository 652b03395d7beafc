// The colours and type a chart is drawn with. In the app they are read from the CSS tokens of the
// theme in force (chart-theme.ts); LIGHT_PALETTE is the same light theme as plain values, for tests
// and as a fallback. Also small colour helpers: mixing for the heat map's scale and WCAG contrast
// for choosing the text colour of a heat-map cell.

export interface ChartPalette {
  /** Series colours, in order (each meets 3:1 against the chart background). */
  series: string[];
  text: string;
  muted: string;
  /** Axis lines and ticks. */
  axis: string;
  /** Split lines of the value axis. */
  grid: string;
  /** The chart's own background (the card it sits on). */
  background: string;
  tooltipBackground: string;
  tooltipBorder: string;
  /** Decal (pattern) ink drawn over bars. */
  decal: string;
  /** Diverging scale of the heat map: below zero, zero, above zero. */
  heat: { negative: string; neutral: string; positive: string };
  /** Dark text and light text, for labels on coloured cells. */
  ink: { dark: string; light: string };
  fontFamily: string;
  dark: boolean;
}

export const LIGHT_PALETTE: ChartPalette = {
  series: ['#a3262b', '#1f5fc4', '#17785a', '#a85a00', '#6b47b8', '#4b5563'],
  text: '#1c1e22',
  muted: '#575c64',
  axis: '#8a8f98',
  grid: '#e3ded3',
  background: '#ffffff',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#cfc8ba',
  decal: 'rgba(255, 255, 255, 0.6)',
  heat: { negative: '#2c64ad', neutral: '#f4f1ea', positive: '#b3312d' },
  ink: { dark: '#1c1e22', light: '#ffffff' },
  fontFamily: 'sans-serif',
  dark: false,
};

type Rgb = [number, number, number];

/** #rgb, #rrggbb or rgb()/rgba() → [r, g, b]; anything else is black. */
export function parseColor(color: string): Rgb {
  const text = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (hex?.[1]) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `a` moved towards `b` by t (0..1). */
export function mix(a: string, b: string, t: number): string {
  const x = parseColor(a);
  const y = parseColor(b);
  return toHex([0, 1, 2].map((i) => (x[i] ?? 0) + ((y[i] ?? 0) - (x[i] ?? 0)) * t) as Rgb);
}

/** WCAG relative luminance. */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Whichever of the two inks reads better on `background`. */
export function inkOn(background: string, ink: ChartPalette['ink']): string {
  return contrast(ink.dark, background) >= contrast(ink.light, background) ? ink.dark : ink.light;
}

/**
 * The heat map's colour for `value` on a scale from `min` to `max`: the neutral colour at zero,
 * deepening towards the negative colour below it and the positive colour above it, so the sign
 * reads at a glance even when the range is lopsided (−3.22 … 5.26).
 */
export function divergingColor(value: number, min: number, max: number, heat: ChartPalette['heat']): string {
  if (value < 0 && min < 0) return mix(heat.neutral, heat.negative, Math.min(1, value / min));
  if (value > 0 && max > 0) return mix(heat.neutral, heat.positive, Math.min(1, value / max));
  return mix(heat.neutral, heat.neutral, 0);
}

/** Evenly spaced stops from min to max, for the visualMap's colour ramp (which spaces colours evenly). */
export function divergingRamp(min: number, max: number, heat: ChartPalette['heat'], steps = 21): string[] {
  if (!(max > min)) return [divergingColor(min, min, max, heat)];
  return Array.from({ length: steps }, (_, i) =>
    divergingColor(min + ((max - min) * i) / (steps - 1), min, max, heat),
  );
}
