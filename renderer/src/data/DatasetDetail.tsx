import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { englishTitle, numberIn, unitIn } from '../../../main/datasets/titles.js';
import { Icon } from '../components/Icon.js';
import { useLocale } from '../state/preferences.js';
import { citation, copyText, exportChart, exportTable, type SaveOutcome } from './actions.js';
import { chartKind, measures } from './chart-model.js';
import { useChartPalette } from './chart-theme.js';
import { DatasetChart } from './DatasetChart.js';
import { DatasetTable } from './DatasetTable.js';
import type { DatasetEntry } from './datasets.js';
import { showInText } from './datasets.js';
import { langOf } from './format.js';

// One dataset: what it is (number, titles, unit, source, where in the text), what can be done with
// it (back to the text, cite, export), its chart and its table.

type Status = { tone: 'info' | 'error'; text: string } | null;

const TOAST_MS = 7000;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function DatasetDetail({ entry }: { entry: DatasetEntry }) {
  const { dataset } = entry;
  const { t, locale } = useLocale();
  const lang = langOf(locale);
  const palette = useChartPalette(locale);
  const titleId = useId();
  const [measure, setMeasure] = useState(0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatusNow] = useState<Status>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Messages fade after a while; "working" stays until the outcome replaces it.
  const setStatus = useCallback((next: Status, sticky = false) => {
    clearTimeout(toastTimer.current);
    setStatusNow(next);
    if (next !== null && !sticky) toastTimer.current = setTimeout(() => setStatusNow(null), TOAST_MS);
  }, []);
  useEffect(() => () => clearTimeout(toastTimer.current), []);
  const [busy, setBusy] = useState(false);
  const [cite, setCite] = useState<string | null>(null);

  // Another measure has other series: all shown. (A new dataset remounts this component.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the measure is the trigger.
  useEffect(() => {
    setHidden(new Set());
  }, [measure]);

  useEffect(() => {
    let live = true;
    setCite(null);
    citation(dataset, locale).then(
      (text) => live && setCite(text),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dataset, locale]);

  const run = useCallback(
    async (action: () => Promise<SaveOutcome>) => {
      setBusy(true);
      setStatus({ tone: 'info', text: t('data.status.working') }, true);
      try {
        const result = await action();
        setStatus({
          tone: 'info',
          text: result.saved
            ? t('data.status.saved', { file: fileName(result.path) })
            : t('data.status.cancelled'),
        });
      } catch (error) {
        setStatus({
          tone: 'error',
          text: t('data.status.failed', { message: error instanceof Error ? error.message : String(error) }),
        });
      } finally {
        setBusy(false);
      }
    },
    [t, setStatus],
  );

  const copyCitation = async () => {
    try {
      const text = cite ?? (await citation(dataset, locale));
      await copyText(text);
      setStatus({ tone: 'info', text: t('data.status.copied') });
    } catch (error) {
      setStatus({
        tone: 'error',
        text: t('data.status.failed', { message: error instanceof Error ? error.message : String(error) }),
      });
    }
  };

  const english = englishTitle(dataset.id);
  const list = measures(dataset);
  const units = [...new Set(list.map((m) => m.unit))];
  const kind = chartKind(dataset);
  const chartOptions = { measure, hidden, locale, t };

  return (
    <article className="dataset" aria-labelledby={titleId}>
      <header className="dataset__head">
        <p className="dataset__eyebrow">
          <span className="dataset__number">{numberIn(dataset.number, lang)}</span>
          {dataset.page !== undefined && <span>{t('data.page', { page: dataset.page })}</span>}
          <span lang={lang === 'en' ? 'en' : 'zh-CN'}>{entry.doc.title[lang]}</span>
        </p>
        <h1 className="dataset__title" id={titleId} lang="zh-CN">
          {dataset.title}
        </h1>
        {english && (
          <p className="dataset__english" lang="en">
            {english} <span className="dataset__translation">{t('data.translation')}</span>
          </p>
        )}
        <dl className="dataset__meta">
          <div>
            <dt>{t('data.meta.unit')}</dt>
            <dd>
              {units.length === 1 && units[0] ? (
                <span>{unitIn(units[0], lang)}</span>
              ) : (
                <span>
                  {units.map((u) => unitIn(u, lang)).join(' · ')}{' '}
                  <span className="muted">({t('data.meta.unitByColumn')})</span>
                </span>
              )}
            </dd>
          </div>
          {dataset.source && (
            <div>
              <dt>{t('data.meta.source')}</dt>
              <dd lang="zh-CN">{dataset.source.replace(/[。.]$/u, '')}</dd>
            </div>
          )}
          <div>
            <dt>{t('data.meta.section')}</dt>
            <dd lang="zh-CN">{entry.sectionPath.join(' › ')}</dd>
          </div>
          <div>
            <dt>{t('data.meta.size')}</dt>
            <dd>
              {t('data.meta.sizeValue', { rows: dataset.rows.length, columns: dataset.columns.length })}
            </dd>
          </div>
        </dl>
        <div className="dataset__actions">
          <button type="button" className="action action--primary" onClick={() => showInText(dataset)}>
            <Icon name="returnTo" size={18} />
            <span>{t('data.showInText')}</span>
          </button>
          <button type="button" className="action" onClick={copyCitation}>
            <Icon name="note" size={18} />
            <span>{t('data.copyCitation')}</span>
          </button>
          <fieldset className="export-group" disabled={busy}>
            <legend className="export-group__label">{t('data.export')}</legend>
            <button
              type="button"
              className="action action--small"
              title={t('data.export.csv')}
              onClick={() => run(() => exportTable(dataset, 'csv', locale))}
            >
              CSV
            </button>
            <button
              type="button"
              className="action action--small"
              title={t('data.export.json')}
              onClick={() => run(() => exportTable(dataset, 'json', locale))}
            >
              JSON
            </button>
            <button
              type="button"
              className="action action--small"
              title={t('data.export.png')}
              onClick={() => run(() => exportChart(dataset, 'png', chartOptions))}
            >
              PNG
            </button>
            <button
              type="button"
              className="action action--small"
              title={t('data.export.svg')}
              onClick={() => run(() => exportChart(dataset, 'svg', chartOptions))}
            >
              SVG
            </button>
          </fieldset>
        </div>
      </header>
      {/* A toast over the bottom of the pane; always in the page, so screen readers hear each message. */}
      <p className={`data-toast${status?.tone === 'error' ? ' is-error' : ''}`} role="status">
        {status?.text ?? ''}
      </p>

      <section className="data-card" aria-labelledby={`${titleId}-chart`} data-kind={kind}>
        <h2 className="data-card__title" id={`${titleId}-chart`}>
          {t('data.chart.heading')}
        </h2>
        <DatasetChart
          dataset={dataset}
          measure={measure}
          onMeasure={setMeasure}
          hidden={hidden}
          onToggle={(name) =>
            setHidden((current) => {
              const next = new Set(current);
              if (next.has(name)) next.delete(name);
              else next.add(name);
              return next;
            })
          }
          palette={palette}
          locale={locale}
          t={t}
        />
        <div className="data-card__foot">
          {dataset.source && (
            <p className="data-card__source">{t('data.chart.source', { source: dataset.source })}</p>
          )}
          {dataset.notes.map((note) => (
            <p className="data-card__note" key={note}>
              {t('data.chart.note', { note })}
            </p>
          ))}
        </div>
      </section>

      <section className="data-card" aria-labelledby={`${titleId}-table`}>
        <h2 className="data-card__title" id={`${titleId}-table`}>
          {t('data.table.heading')}
        </h2>
        <DatasetTable dataset={dataset} />
      </section>

      {cite && (
        <section className="data-card data-card--cite" aria-labelledby={`${titleId}-cite`}>
          <h2 className="data-card__title" id={`${titleId}-cite`}>
            {t('data.citation')}
          </h2>
          <p className="citation" lang={lang === 'en' ? 'en' : 'zh-CN'}>
            {cite}
          </p>
          <button type="button" className="action action--small" onClick={copyCitation}>
            {t('data.copyCitation')}
          </button>
        </section>
      )}
    </article>
  );
}
