import type { DocMeta } from './types.js';

// Titles and descriptions state only what the texts themselves say; no authors or dates are invented.
export const MANIFEST: readonly DocMeta[] = [
  {
    id: 'report',
    source: '003_6a74c797f131c217.txt',
    kind: 'report',
    lang: 'zh',
    title: {
      zh: '中国服务贸易发展报告2020',
      en: "Report on China's Development of Trade in Services 2020",
    },
    description: {
      zh: '中华人民共和国商务部发布的年度报告：综述篇、行业篇、专题篇、案例篇。',
      en: "The Ministry of Commerce's annual report: overview, sectors, special topics and cases.",
    },
  },
  {
    id: 'paper',
    source: '004_a746442f269f11a1.txt',
    kind: 'paper',
    lang: 'zh',
    title: {
      zh: '我国服务贸易发展成就、现实挑战与政策建议',
      en: "The Great Achievements, Recent Challenges and Future Guidelines of China's Service Trade Development",
    },
    description: {
      zh: '学术论文（中国社会科学院创新工程项目），附英文摘要。',
      en: 'An academic paper (a Chinese Academy of Social Sciences project) with an English abstract.',
    },
  },
  {
    id: 'news-daily-life',
    source: '000_7d9490d402878a8f.txt',
    kind: 'article',
    lang: 'zh',
    title: {
      zh: '服务贸易走进日常生活',
      en: 'Trade in services in daily life',
    },
    description: {
      zh: '新闻特稿：2020年服贸会前后，服务贸易与百姓生活。',
      en: 'News feature on trade in services in daily life around the 2020 CIFTIS.',
    },
  },
  {
    id: 'news-press-conference',
    source: '001_f864b9a278e88b66.txt',
    kind: 'article',
    lang: 'zh',
    title: {
      zh: '国新办发布会介绍2020年服贸会',
      en: 'State Council Information Office press conference on the 2020 CIFTIS',
    },
    description: {
      zh: '新闻报道：9月3日国新办新闻发布会介绍2020年服贸会。',
      en: 'News report on the 3 September press conference introducing the 2020 CIFTIS.',
    },
  },
  {
    id: 'news-fair-preview',
    source: '002_d17cad07c5022a97.txt',
    kind: 'article',
    lang: 'zh',
    title: {
      zh: '从京交会到服贸会：2020年服贸会前瞻',
      en: 'From the Beijing fair to CIFTIS: a preview of the 2020 fair',
    },
    description: {
      zh: '新闻特稿：以“核心阅读”开篇，前瞻2020年服贸会。',
      en: 'News feature previewing the 2020 CIFTIS, opening with a key-points box.',
    },
  },
];
