import { useEffect, useMemo, useRef } from 'react';
import type { Dataset } from '../../../main/corpus/types.js';
import { unitIn } from '../../../main/datasets/titles.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import type { Translate, UiLocale } from '../i18n/index.js';
import {
  buildChartOption,
  type ChartText,
  chartFacts,
  chartHeight,
  chartKind,
  measures,
} from './chart-model.js';
import type { ChartPalette } from './chart-palette.js';
import { type EChartsType, init } from './echarts.js';
import { langOf } from './format.js';
import { SeriesSwatch } from './SeriesSwatch.js';

// One dataset's chart: the measure chooser (when its columns are in several units), a legend of
// toggle buttons (keyboard-operable, unlike the canvas legend), and the ECharts chart in a
// role="img" element whose label summarises it; the table below is the full accessible alternative.

export function chartText(t: Translate, locale: UiLocale): ChartText {
  const lang = langOf(locale);
  return { year: t('data.chart.year'), unit: (unit) => t('data.chart.unit', { unit: unitIn(unit, lang) }) };
}

/** The chart's aria-label: kind, title, series, extent and extremes. */
export function chartSummary(dataset: Dataset, measure: number, t: Translate, locale: UiLocale): string {
  const facts = chartFacts(dataset, measure, locale);
  const names = facts.series.join(locale === 'en' ? ', ' : '、');
  const series =
    facts.kind === 'heatmap'
      ? t('data.chart.extent.matrix', { count: facts.categories })
      : facts.series.length === 1
        ? t('data.chart.series.one', { names })
        : t('data.chart.series.many', { count: facts.series.length, names });
  const extent =
    facts.kind === 'line'
      ? t('data.chart.extent.years', { count: facts.categories, first: facts.first, last: facts.last })
      : t('data.chart.extent.categories', { count: facts.categories, first: facts.first, last: facts.last });
  return t('data.chart.summary', {
    kind: t(`data.chart.kind.${facts.kind}`),
    title: `${dataset.number} ${dataset.title}`,
    series,
    extent,
    min: facts.min?.value ?? '—',
    minAt: facts.min?.where ?? '',
    max: facts.max?.value ?? '—',
    maxAt: facts.max?.where ?? '',
  });
}

const reducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

interface DatasetChartProps {
  dataset: Dataset;
  measure: number;
  onMeasure: (measure: number) => void;
  hidden: ReadonlySet<string>;
  onToggle: (name: string) => void;
  palette: ChartPalette;
  locale: UiLocale;
  t: Translate;
}

export function DatasetChart({
  dataset,
  measure,
  onMeasure,
  hidden,
  onToggle,
  palette,
  locale,
  t,
}: DatasetChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const hiddenNow = useRef(hidden);
  hiddenNow.current = hidden;
  const kind = chartKind(dataset);
  const list = useMemo(() => measures(dataset), [dataset]);
  const current = list[measure] ?? list[0];
  const names = useMemo(
    () => (current?.columns ?? []).map((c) => dataset.columns[c]?.label ?? ''),
    [current, dataset],
  );
  const height = chartHeight(dataset, measure);
  const summary = useMemo(() => chartSummary(dataset, measure, t, locale), [dataset, measure, t, locale]);

  useEffect(() => {
    const el = element.current;
    if (el === null) return;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // A new dataset, measure, theme or language: the whole option anew (the legend's state carried
  // over). Only new data animates in; a change of theme or language just repaints.
  const drawn = useRef<string | null>(null);
  useEffect(() => {
    const key = `${dataset.id}|${measure}`;
    const fresh = drawn.current !== key;
    drawn.current = key;
    chart.current?.setOption(
      buildChartOption(dataset, {
        measure,
        palette,
        locale,
        text: chartText(t, locale),
        hidden: hiddenNow.current,
        animation: fresh && !reducedMotion(),
      }),
      { notMerge: true },
    );
    chart.current?.resize();
  }, [dataset, measure, palette, locale, t]);

  // Legend toggles animate in place instead of redrawing the chart.
  useEffect(() => {
    const instance = chart.current;
    if (instance === null || kind === 'heatmap') return;
    for (const name of names)
      instance.dispatchAction({ type: hidden.has(name) ? 'legendUnSelect' : 'legendSelect', name });
  }, [hidden, names, kind]);

  const lang = langOf(locale);
  return (
    <>
      {(list.length > 1 || kind !== 'heatmap') && (
        <div className="chart-controls">
          {list.length > 1 && (
            <div className="chart-controls__measure">
              <span className="chart-controls__label" aria-hidden="true">
                {t('data.chart.measure')}
              </span>
              <ChoiceGroup
                legend={t('data.chart.measure')}
                value={String(measure)}
                onChange={(value) => onMeasure(Number(value))}
                choices={list.map((m, i) => ({ value: String(i), label: unitIn(m.unit, lang) || '—' }))}
              />
            </div>
          )}
          {kind !== 'heatmap' && (
            <ul className="chart-legend" aria-label={t('data.chart.legend')}>
              {names.map((name, i) => (
                <li key={name}>
                  <button
                    type="button"
                    className="chart-legend__item"
                    aria-pressed={!hidden.has(name)}
                    onClick={() => onToggle(name)}
                  >
                    <SeriesSwatch
                      kind={kind}
                      index={i}
                      color={palette.series[i % palette.series.length] ?? palette.text}
                      decal={palette.decal}
                      background={palette.background}
                    />
                    <span>{name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {kind === 'heatmap' && <p className="chart-hint">{t('data.chart.heatHint')}</p>}
      <div
        ref={element}
        className="chart"
        role="img"
        aria-label={summary}
        data-chart-kind={kind}
        data-series-shown={names.filter((name) => !hidden.has(name)).length}
        style={{ height }}
      />
    </>
  );
}
