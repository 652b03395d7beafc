// English UI strings. zh.ts must have exactly the same keys (the type and tests/renderer enforce it);
// `{name}` placeholders are filled in by translate().
export const en = {
  'app.name': 'Report Reader',
  'app.tagline': 'Trade in services library',
  'a11y.skipToContent': 'Skip to main content',
  'prefs.label': 'Display settings',
  'prefs.theme': 'Theme',
  'prefs.theme.system': 'System',
  'prefs.theme.light': 'Light',
  'prefs.theme.dark': 'Dark',
  'prefs.language': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',
  'library.title': 'Library',
  'library.intro':
    "The Report on China's Development of Trade in Services 2020 and four related texts, stored on this computer and readable offline.",
  'library.count': '{count} texts',
  'library.listLabel': 'Documents in the library',
  'library.loading': 'Loading the library…',
  'library.error.title': 'The library could not be loaded',
  'library.error.retry': 'Try again',
  'library.empty': 'The library is empty.',
  'kind.report': 'Report',
  'kind.paper': 'Paper',
  'kind.article': 'Article',
  'doc.lang.zh': 'Chinese text',
  'doc.lang.en': 'English text',
  'doc.stats': 'Contents of this text',
  'stats.sections': 'Sections',
  'stats.blocks': 'Passages',
  'stats.datasets': 'Tables',
  'stats.figures': 'Figures',
  'footer.offline': 'Offline: every text is stored on this computer; nothing is sent anywhere.',
  'footer.version': 'Version {version}',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
