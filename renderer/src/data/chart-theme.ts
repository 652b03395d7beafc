import { useEffect, useState } from 'react';
import type { UiLocale } from '../i18n/index.js';
import { type ChartPalette, LIGHT_PALETTE } from './chart-palette.js';

// The chart's palette read from the CSS tokens (styles/tokens.css, styles/data.css) of the theme in
// force, so charts follow light / dark / sepia like everything else, and are redrawn when the theme
// changes (an explicit choice sets <html data-theme>; "system" follows prefers-color-scheme).

const SERIES_TOKENS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

/**
 * Custom properties hold light-dark() pairs unresolved: a probe element resolves each one as a
 * real colour, the way the page paints it (or, with `scheme: 'light'`, as the light theme would).
 */
export function readPalette(locale: UiLocale, scheme?: 'light'): ChartPalette {
  if (typeof document === 'undefined') return LIGHT_PALETTE;
  const probe = document.createElement('span');
  probe.setAttribute('aria-hidden', 'true');
  probe.className = 'chart-probe';
  if (scheme) probe.style.colorScheme = scheme;
  document.body.append(probe);
  const resolve = (token: string, fallback: string): string => {
    probe.style.color = '';
    probe.style.color = `var(${token}, ${fallback})`;
    const value = getComputedStyle(probe).color;
    return value || fallback;
  };
  try {
    const root = getComputedStyle(document.documentElement);
    const font = root.getPropertyValue(locale === 'en' ? '--font-en' : '--font-zh').trim();
    const background = resolve('--color-surface', LIGHT_PALETTE.background);
    const dark = scheme === 'light' ? false : isDark(background);
    return {
      series: SERIES_TOKENS.map((token, i) => resolve(token, LIGHT_PALETTE.series[i] ?? '#888')),
      text: resolve('--color-text', LIGHT_PALETTE.text),
      muted: resolve('--color-text-muted', LIGHT_PALETTE.muted),
      axis: resolve('--chart-axis', LIGHT_PALETTE.axis),
      grid: resolve('--chart-grid', LIGHT_PALETTE.grid),
      background: scheme === 'light' ? '#ffffff' : background,
      tooltipBackground: resolve('--color-surface-raised', LIGHT_PALETTE.tooltipBackground),
      tooltipBorder: resolve('--color-border-strong', LIGHT_PALETTE.tooltipBorder),
      decal: resolve('--chart-decal', LIGHT_PALETTE.decal),
      heat: {
        negative: resolve('--chart-heat-negative', LIGHT_PALETTE.heat.negative),
        neutral: resolve('--chart-heat-neutral', LIGHT_PALETTE.heat.neutral),
        positive: resolve('--chart-heat-positive', LIGHT_PALETTE.heat.positive),
      },
      ink: {
        dark: resolve('--chart-ink-dark', LIGHT_PALETTE.ink.dark),
        light: resolve('--chart-ink-light', '#ffffff'),
      },
      // Single quotes: the SVG export writes the family into a double-quoted style attribute.
      fontFamily: font.replace(/"/g, "'") || LIGHT_PALETTE.fontFamily,
      dark,
    };
  } finally {
    probe.remove();
  }
}

function isDark(color: string): boolean {
  const [r = 255, g = 255, b = 255] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

/** The palette of the theme in force, re-read whenever the theme or the system's scheme changes. */
export function useChartPalette(locale: UiLocale): ChartPalette {
  const [palette, setPalette] = useState(() => readPalette(locale));
  useEffect(() => {
    const update = () => {
      const next = readPalette(locale);
      setPalette((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'lang'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, [locale]);
  return palette;
}
