import type { UiLocale } from '../../../main/ipc/contract.js';
import { en, type MessageKey, type Messages } from './en.js';
import { zh } from './zh.js';

export type { MessageKey, Messages, UiLocale };

export const LOCALES: readonly UiLocale[] = ['zh-CN', 'en'];
export const dictionaries: Readonly<Record<UiLocale, Messages>> = { 'zh-CN': zh, en };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** A translator for one locale; unknown placeholders are left visible so they get noticed. */
export function createTranslator(locale: UiLocale): Translate {
  const messages = dictionaries[locale];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params !== undefined && name in params ? String(params[name]) : match,
    );
}
