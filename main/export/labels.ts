import type { AnchorStatus, Color, Motivation } from '../annotations/model.js';

export type ExportLang = 'en' | 'zh';

export interface ExportLabels {
  title: string;
  exported: (date: string, count: number) => string;
  page: (page: number) => string;
  needsReview: string;
  needsReviewNote: string;
  unplaced: string;
  noChapter: string;
  bookmark: string;
  quote: string;
  note: string;
  color: string;
  tags: string;
  section: string;
  created: string;
  modified: string;
  open: string;
  empty: string;
  colors: Record<Color, string>;
  motivations: Record<Motivation, string>;
  statuses: Record<AnchorStatus, string>;
  csv: {
    id: string;
    document: string;
    section: string;
    page: string;
    quote: string;
    note: string;
    color: string;
    tags: string;
    motivation: string;
    status: string;
    created: string;
    modified: string;
    link: string;
  };
}

export const LABELS: Record<ExportLang, ExportLabels> = {
  en: {
    title: 'Report Reader — notes',
    exported: (date, count) => `Exported ${date} · ${count} ${count === 1 ? 'annotation' : 'annotations'}`,
    page: (page) => `p. ${page}`,
    needsReview: 'Needs review',
    needsReviewNote: 'Needs review: this passage could not be found in the current text.',
    unplaced: 'Not placed in the current text',
    noChapter: 'Front matter',
    bookmark: 'Bookmark',
    quote: 'Quote',
    note: 'Note',
    color: 'Colour',
    tags: 'Tags',
    section: 'Section',
    created: 'Created',
    modified: 'Modified',
    open: 'Open in Report Reader',
    empty: 'No annotations match.',
    colors: { yellow: 'yellow', green: 'green', blue: 'blue', pink: 'pink', purple: 'purple' },
    motivations: { highlighting: 'highlight', commenting: 'note', bookmarking: 'bookmark' },
    statuses: { anchored: 'placed', 'needs-review': 'needs review' },
    csv: {
      id: 'id',
      document: 'document',
      section: 'section',
      page: 'page',
      quote: 'quote',
      note: 'note',
      color: 'colour',
      tags: 'tags',
      motivation: 'type',
      status: 'status',
      created: 'created',
      modified: 'modified',
      link: 'link',
    },
  },
  zh: {
    title: 'Report Reader 阅读笔记',
    exported: (date, count) => `导出于 ${date} · 共 ${count} 条批注`,
    page: (page) => `第${page}页`,
    needsReview: '待核对',
    needsReviewNote: '待核对：在当前文本中找不到这段原文。',
    unplaced: '未能在当前文本中定位',
    noChapter: '卷首',
    bookmark: '书签',
    quote: '原文',
    note: '笔记',
    color: '颜色',
    tags: '标签',
    section: '章节',
    created: '创建',
    modified: '修改',
    open: '在 Report Reader 中打开',
    empty: '没有符合条件的批注。',
    colors: { yellow: '黄色', green: '绿色', blue: '蓝色', pink: '粉色', purple: '紫色' },
    motivations: { highlighting: '高亮', commenting: '笔记', bookmarking: '书签' },
    statuses: { anchored: '已定位', 'needs-review': '待核对' },
    csv: {
      id: '编号',
      document: '文档',
      section: '章节',
      page: '页码',
      quote: '原文',
      note: '笔记',
      color: '颜色',
      tags: '标签',
      motivation: '类型',
      status: '状态',
      created: '创建时间',
      modified: '修改时间',
      link: '链接',
    },
  },
};
