import { parseNews } from './parse-news.js';
import { parsePaper } from './parse-paper.js';
import { parseReport } from './parse-report.js';
import type { DocMeta, ParsedDocument } from './types.js';

export function parseDocument(raw: string, meta: DocMeta): ParsedDocument {
  switch (meta.kind) {
    case 'report':
      return parseReport(raw, meta).document;
    case 'paper':
      return parsePaper(raw, meta);
    case 'article':
      return parseNews(raw, meta);
  }
}
