import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocale } from '../state/preferences.js';
import { useStore } from '../state/store.js';
import { ColorPicker } from './ColorPicker.js';
import type { HighlightColor } from './colors.js';
import { tagsInUse } from './filter.js';
import { annotations } from './state.js';
import { TagInput } from './TagInput.js';

// Colour, note (Markdown or plain text) and tags of an annotation: the form of the note composer
// next to a selection and of the sidebar's inline editing. Ctrl/Cmd+Enter saves, Esc cancels.

export interface NoteValues {
  color: HighlightColor;
  note: string;
  noteFormat: 'text/markdown' | 'text/plain';
  tags: string[];
}

export function NoteEditor({
  initial,
  onSave,
  onCancel,
  saveLabel,
  showColor = true,
  autoFocus = true,
  onColorChange,
}: {
  initial: NoteValues;
  onSave: (values: NoteValues) => Promise<void> | void;
  onCancel: () => void;
  saveLabel: string;
  showColor?: boolean;
  autoFocus?: boolean;
  onColorChange?: (color: HighlightColor) => void;
}) {
  const { t } = useLocale();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const formatName = useId();
  const errorId = useId();
  const suggestions = useStore(annotations, (s) => s.items);

  useEffect(() => {
    if (autoFocus) noteRef.current?.focus();
  }, [autoFocus]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(values);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <form
      className="note-editor"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {showColor && (
        <ColorPicker
          legend={t('ann.color.label')}
          value={values.color}
          onChange={(color) => {
            setValues((v) => ({ ...v, color }));
            onColorChange?.(color);
          }}
        />
      )}
      <div className="ann-field">
        <div className="ann-field__head">
          <label className="ann-field__label" htmlFor={noteId}>
            {t('ann.note.label')}
          </label>
          <fieldset className="format-toggle">
            <legend className="visually-hidden">{t('ann.note.format')}</legend>
            {(['text/markdown', 'text/plain'] as const).map((format) => (
              <label key={format} className="format-toggle__option">
                <input
                  type="radio"
                  name={formatName}
                  value={format}
                  checked={values.noteFormat === format}
                  onChange={() => setValues((v) => ({ ...v, noteFormat: format }))}
                />
                <span>{format === 'text/markdown' ? t('ann.note.markdown') : t('ann.note.plain')}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <textarea
          ref={noteRef}
          id={noteId}
          className="note-editor__text"
          rows={4}
          value={values.note}
          maxLength={200_000}
          placeholder={
            values.noteFormat === 'text/markdown' ? t('ann.note.placeholder.md') : t('ann.note.placeholder')
          }
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            const note = event.currentTarget.value;
            setValues((v) => ({ ...v, note }));
          }}
        />
      </div>
      <TagInput
        label={t('ann.tags.label')}
        tags={values.tags}
        suggestions={tagsInUse(suggestions)}
        onChange={(tags) => setValues((v) => ({ ...v, tags }))}
      />
      {error && (
        <p className="note-editor__error" id={errorId} role="alert">
          {t('ann.error.save', { message: error })}
        </p>
      )}
      <div className="note-editor__actions">
        <span className="note-editor__shortcut" aria-hidden="true">
          {t('ann.note.saveShortcut')}
        </span>
        <button type="button" className="ann-button ann-button--quiet" onClick={onCancel}>
          {t('ann.cancel')}
        </button>
        <button
          type="submit"
          className="ann-button ann-button--primary"
          disabled={busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
