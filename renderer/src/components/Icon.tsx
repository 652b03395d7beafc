// Small line icons drawn on a 20×20 grid with the current text colour. Always decorative: the
// button or link that holds one carries the accessible name.

const PATHS = {
  back: 'M12.5 4.5 7 10l5.5 5.5',
  forward: 'M7.5 4.5 13 10l-5.5 5.5',
  library: 'M4 3.5h3v13H4zM8.5 3.5h3v13h-3zM13 4.2l2.8-.7 2.9 12.5-2.8.7z',
  toc: 'M3.5 5h2M8 5h8.5M3.5 10h2M8 10h8.5M3.5 15h2M8 15h8.5',
  search: 'M8.75 3.5a5.25 5.25 0 1 1 0 10.5 5.25 5.25 0 0 1 0-10.5zM12.6 12.6l4 4',
  settings: 'M3 15.5 7 4.5h.5l4 11M4.6 11.5h5.3M12.5 15.5l2.4-6.5h.4l2.3 6.5M13.4 13.3h3.3',
  keyboard: 'M2.5 5.5h15v9h-15zM5 8h1M8 8h1M11 8h1M14 8h1M5 10.5h1M8 10.5h1M11 10.5h1M14 10.5h1M6.5 12.5h7',
  close: 'M5 5l10 10M15 5 5 15',
  up: 'M5 12.5 10 7.5l5 5',
  down: 'M5 7.5l5 5 5-5',
  chevron: 'M7.5 5 12.5 10l-5 5',
  figure: 'M3.5 16.5h13M5.5 14V9.5M9 14V6M12.5 14v-5.5M16 14V4',
  note: 'M4 3.5h9l3 3v10H4zM7 8.5h6M7 11.5h6M7 14.5h3.5',
  returnTo: 'M15.5 5v5.5a2 2 0 0 1-2 2H5M8 9.5l-3 3 3 3',
  highlighter: 'M11.5 3.5l5 5-6.5 6.5H5v-5zM9 6l5 5M3 17.5h8',
  bookmark: 'M5.5 3.5h9v13l-4.5-3.2-4.5 3.2z',
  bookmarkFilled: 'M5.5 3.5h9v13l-4.5-3.2-4.5 3.2z',
  copy: 'M7 7h9v9.5H7zM4 13V3.5h9',
  trash: 'M4 5.5h12M8 5.5V3.5h4v2M5.5 5.5l.8 11h7.4l.8-11M8.5 8.5v5.5M11.5 8.5v5.5',
  edit: 'M12.5 4l3.5 3.5L8 15.5H4.5V12zM11 5.5 14.5 9',
  export: 'M10 3v9.5M6.5 6.5 10 3l3.5 3.5M4 12.5v4h12v-4',
  import: 'M10 3v9.5M6.5 9 10 12.5 13.5 9M4 12.5v4h12v-4',
  warning: 'M10 3.5 17 16H3zM10 8.5v3.5M10 14.2v.1',
  tag: 'M3.5 3.5h6l7 7-6 6-7-7zM7 7h.1',
  check: 'M4.5 10.5l3.5 3.5 7.5-8',
  link: 'M8.5 11.5a3 3 0 0 0 4.2 0l2.6-2.6a3 3 0 0 0-4.2-4.2L10 5.8M11.5 8.5a3 3 0 0 0-4.2 0l-2.6 2.6a3 3 0 0 0 4.2 4.2L10 14.2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
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
