// The app's mark, the same drawing as assets/icon.svg: a report page with a rising bar chart.
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg
      className="logo"
      width={size}
      height={size}
      viewBox="0 0 512 512"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id="logo-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#c0392f" />
          <stop offset="1" stopColor="#7a1a1f" />
        </linearGradient>
      </defs>
      <rect width="512" height="512" rx="112" fill="url(#logo-bg)" />
      <rect x="128" y="88" width="256" height="336" rx="24" fill="#fffaf3" />
      <rect x="168" y="136" width="176" height="20" rx="10" fill="#d9c9c3" />
      <rect x="168" y="180" width="128" height="20" rx="10" fill="#d9c9c3" />
      <rect x="172" y="300" width="44" height="84" rx="8" fill="#b5322d" />
      <rect x="234" y="262" width="44" height="122" rx="8" fill="#b5322d" />
      <rect x="296" y="220" width="44" height="164" rx="8" fill="#e2a422" />
    </svg>
  );
}
