// Line icons of the annotation UI, drawn like components/Icon.tsx (20×20 grid, current colour,
// always decorative: the control that holds one carries the accessible name).

const PATHS = {
  highlighter: 'M11.5 3.5l5 5-6.5 6.5H5v-5zM9 6l5 5M3 17.5h8',
  bookmark: 'M5.5 3.5h9v13l-4.5-3.2-4.5 3.2z',
  bookmarkFilled: 'M5.5 3.5h9v13l-4.5-3.2-4.5 3.2z',
  note: 'M4 3.5h9l3 3v10H4zM7 8.5h6M7 11.5h6M7 14.5h3.5',
  copy: 'M7 7h9v9.5H7zM4 13V3.5h9',
  trash: 'M4 5.5h12M8 5.5V3.5h4v2M5.5 5.5l.8 11h7.4l.8-11M8.5 8.5v5.5M11.5 8.5v5.5',
  edit: 'M12.5 4l3.5 3.5L8 15.5H4.5V12zM11 5.5 14.5 9',
  export: 'M10 3v9.5M6.5 6.5 10 3l3.5 3.5M4 12.5v4h12v-4',
  import: 'M10 3v9.5M6.5 9 10 12.5 13.5 9M4 12.5v4h12v-4',
  warning: 'M10 3.5 17 16H3zM10 8.5v3.5M10 14.2v.1',
  close: 'M5 5l10 10M15 5 5 15',
  search: 'M8.75 3.5a5.25 5.25 0 1 1 0 10.5 5.25 5.25 0 0 1 0-10.5zM12.6 12.6l4 4',
  tag: 'M3.5 3.5h6l7 7-6 6-7-7zM7 7h.1',
  check: 'M4.5 10.5l3.5 3.5 7.5-8',
  down: 'M5 7.5l5 5 5-5',
  link: 'M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2L10 5.8M11.5 8.5a3 3 0 0 0-4.2 0l-2.6 2.6a3 3 0 0 0 4.2 4.2L10 14.2',
} as const;

export type AnnIconName = keyof typeof PATHS;

export function AnnIcon({ name, size = 20 }: { name: AnnIconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      fill={name === 'bookmarkFilled' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
