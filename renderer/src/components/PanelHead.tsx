import { Icon } from './Icon.js';

/** The head of a side panel (search, annotations): its title and a close button (Esc). */
export function PanelHead({
  block,
  titleId,
  title,
  closeLabel,
  onClose,
}: {
  /** The panel's class, for `${block}__head` and `${block}__title`. */
  block: string;
  titleId: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
}) {
  return (
    <div className={`${block}__head`}>
      <h2 className={`${block}__title`} id={titleId}>
        {title}
      </h2>
      <button
        type="button"
        className="icon-button"
        aria-label={closeLabel}
        title={`${closeLabel} (Esc)`}
        onClick={onClose}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
