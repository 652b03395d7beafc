import { Icon } from '../components/Icon.js';
import type { ReaderSlots } from '../reader/context.js';
import { currentPosition } from '../state/navigation.js';
import { useLocale } from '../state/preferences.js';
import { formatRoute } from '../state/router.js';
import { dataReturn, openDatasetFromText, openDataView } from './datasets.js';

// The ways into the data view from elsewhere: the button under each table in the text (the reading
// view's tableActions slot), and the library's link. Kept apart from the view itself so the
// reader and the library do not load the charting code.

function OpenAsData({ dataset }: { dataset: Parameters<NonNullable<ReaderSlots['tableActions']>>[0] }) {
  const { t, locale } = useLocale();
  return (
    <button
      type="button"
      className="table-action"
      lang={locale}
      data-dataset-id={dataset.id}
      onClick={() => openDatasetFromText(dataset)}
    >
      <Icon name="figure" size={16} />
      <span>{t('data.openAsData')}</span>
      <span className="visually-hidden"> {dataset.number}</span>
    </button>
  );
}

/** What App hands the reading view: the "open as data" button under every table with a dataset. */
export const READER_DATA_SLOTS: ReaderSlots = {
  tableActions: (dataset) => <OpenAsData dataset={dataset} />,
};

/** The library's way in, under its heading. */
export function LibraryDataLink({ count }: { count: number }) {
  const { t } = useLocale();
  if (count === 0) return null;
  return (
    <a
      className="library-data-link"
      href={formatRoute({ name: 'data' })}
      onClick={() => dataReturn.set(null)}
    >
      <span className="library-data-link__icon" aria-hidden="true">
        <Icon name="figure" size={22} />
      </span>
      <span className="library-data-link__text">
        <span className="library-data-link__title">{t('data.library.link', { count })}</span>
        <span className="library-data-link__detail">{t('data.library.detail')}</span>
      </span>
      <Icon name="chevron" size={18} />
    </a>
  );
}

/** The reading view's header button: the text's tables, "back" returning to where the user was reading. */
export function openDataFromReader(datasetIds: readonly string[]): void {
  openDataView(datasetIds[0], currentPosition());
}
