// English for the report's tables. The report prints its tables in Chinese only: the titles and
// unit names below are OUR translations (the compiler's, not the Ministry's), shown beside the
// printed Chinese title in the data view and used for file names when the interface is in English.
// Pure data, imported by both the main process and the renderer.

/** Dataset id → English title (our translation of the printed Chinese title). */
export const DATASET_TITLES_EN: Readonly<Record<string, string>> = {
  'table-2-1': 'Employment in the environmental goods and services sector, EU-28',
  'table-2-2': 'Output and value added of the environmental goods and services sector, EU-28',
  'table-2-3': 'Market size of environmental goods and services in Japan',
  'table-2-4': 'Trade in products on the APEC List of Environmental Goods',
  'table-3-1': 'Intra-regional trade shares of major free trade areas',
  'table-3-2': 'Change in the shares of trade between major economies in world trade, 2017–2020',
  'table-3-3': 'Tertiary sector as a share of GDP, by income group',
  'table-3-4': 'Services, total trade, trade in services and trade in goods as shares of world GDP',
};

/** Units as printed → English (our translation). */
export const UNITS_EN: Readonly<Record<string, string>> = {
  千人: 'thousand people',
  百万欧元: 'EUR million',
  亿日元: '100 million yen',
  亿美元: '100 million USD',
  '%': '%',
  百分点: 'percentage points',
};

export function englishTitle(datasetId: string): string | undefined {
  return DATASET_TITLES_EN[datasetId];
}

/** A unit in the interface language: the printed unit in Chinese, our translation in English. */
export function unitIn(unit: string, lang: 'zh' | 'en'): string {
  return lang === 'en' ? (UNITS_EN[unit] ?? unit) : unit;
}

/** "表 2-1" → "Table 2-1" for English file names and labels. */
export function numberIn(number: string, lang: 'zh' | 'en'): string {
  return lang === 'en' ? number.replace(/^表\s*/u, 'Table ') : number;
}
