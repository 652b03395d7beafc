import { describe, expect, it } from 'vitest';
import { pickLocale } from '../main/locale.js';

describe('pickLocale', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-CN', 'en-US'], 'zh-CN'],
    [['zh_TW'], 'zh-CN'],
    [['ZH'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de-DE'], 'en'],
    [[], 'en'],
    [['zhx'], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(pickLocale(languages)).toBe(expected);
  });
});
