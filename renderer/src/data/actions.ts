import type { Dataset } from '../../../main/corpus/types.js';
import { englishTitle, numberIn, unitIn } from '../../../main/datasets/titles.js';
import type { Translate, UiLocale } from '../i18n/index.js';
import { buildChartOption, chartHeight, measures } from './chart-model.js';
import { readPalette } from './chart-theme.js';
import { chartText } from './DatasetChart.js';
import { renderPng, renderSvg } from './echarts.js';
import { langOf } from './format.js';

// What the data view's buttons do. Files are written by the main process, which asks where
// (a save dialog; a folder in the browser host): the table's CSV and JSON are made there from the
// bundle (datasets:export), the chart's picture here and handed over (file:save).

export type SaveOutcome = { saved: true; path: string } | { saved: false };

function outcome(result: { saved: boolean; path?: string | undefined }): SaveOutcome {
  return result.saved && result.path !== undefined ? { saved: true, path: result.path } : { saved: false };
}

export async function exportTable(
  dataset: Dataset,
  format: 'csv' | 'json',
  locale: UiLocale,
): Promise<SaveOutcome> {
  return outcome(await window.reader.exportDataset({ datasetId: dataset.id, format, lang: langOf(locale) }));
}

/**
 * The chart as a picture to put in a paper: always in the light theme on white, with the title,
 * the legend and the source line drawn in, the legend's hidden series left out.
 */
export async function exportChart(
  dataset: Dataset,
  format: 'png' | 'svg',
  options: { measure: number; hidden: ReadonlySet<string>; locale: UiLocale; t: Translate },
): Promise<SaveOutcome> {
  const { measure, hidden, locale, t } = options;
  const lang = langOf(locale);
  const palette = readPalette(locale, 'light');
  const english = englishTitle(dataset.id);
  const title = `${numberIn(dataset.number, lang)} ${dataset.title}`;
  const option = buildChartOption(dataset, {
    measure,
    palette,
    locale,
    hidden,
    exportMode: true,
    text: {
      ...chartText(t, locale),
      title,
      ...(lang === 'en' && english ? { subtitle: english } : {}),
      ...(dataset.source ? { source: t('data.chart.source', { source: dataset.source }) } : {}),
    },
  });
  const height = chartHeight(dataset, measure) + 170;
  const content =
    format === 'svg' ? renderSvg(option, height) : renderPng(option, height, palette.background);
  const list = measures(dataset);
  const unit = list.length > 1 ? list[measure]?.unit : undefined;
  const suffix = unit ? (lang === 'zh' ? `（${unit}）` : ` (${unitIn(unit, 'en')})`) : '';
  const name = `${numberIn(dataset.number, lang)} ${lang === 'en' && english ? english : dataset.title}${suffix}`;
  return outcome(
    await window.reader.saveFile({
      suggestedName: name,
      kind: format,
      content,
      encoding: format === 'png' ? 'base64' : 'utf8',
    }),
  );
}

export function citation(dataset: Dataset, locale: UiLocale): Promise<string> {
  return window.reader
    .citeDataset({ datasetId: dataset.id, lang: langOf(locale) })
    .then((reply) => reply.text);
}

/**
 * Copies through the main process first: Electron's clipboard always works there, whereas
 * navigator.clipboard needs a permission the app's locked-down session never grants. The browser's
 * clipboard is the fallback (a host without the channel).
 */
export async function copyText(text: string): Promise<void> {
  try {
    await window.reader.writeClipboard({ text });
  } catch (error) {
    if (typeof navigator === 'undefined' || navigator.clipboard === undefined) throw error;
    await navigator.clipboard.writeText(text);
  }
}
