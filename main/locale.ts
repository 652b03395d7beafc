import type { UiLocale } from './ipc/contract.js';

/**
 * The UI language from the system's preferred languages (BCP 47 tags, most preferred first): the
 * first Chinese or English tag wins; anything else gets English, the more widely read of the two.
 */
export function pickLocale(languages: readonly string[]): UiLocale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  }
  return 'en';
}
