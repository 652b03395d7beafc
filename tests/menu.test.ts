import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../main/menu.js';

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const list = item?.submenu;
  if (!Array.isArray(list)) throw new Error('expected a submenu array');
  return list;
}

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => submenu(item).flatMap((entry) => (entry.role ? [entry.role] : [])));
}

describe('buildMenuTemplate', () => {
  const noop = { showAbout: () => {} };

  it('labels the menus in Chinese or English', () => {
    const zh = buildMenuTemplate('zh-CN', 'linux', noop, { devTools: false });
    const en = buildMenuTemplate('en', 'linux', noop, { devTools: false });
    expect(zh.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(submenu(zh[1]).map((item) => item.label)).toEqual([
      '撤销',
      '重做',
      undefined,
      '剪切',
      '复制',
      '粘贴',
      '全选',
    ]);
  });

  it('gives every item a label in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        for (const item of buildMenuTemplate(locale, platform, noop, { devTools: true })) {
          expect(item.label).toBeTruthy();
          for (const entry of submenu(item)) if (entry.type !== 'separator') expect(entry.label).toBeTruthy();
        }
      }
    }
  });

  it('adds the app menu on macOS and puts About there', () => {
    const mac = buildMenuTemplate('en', 'darwin', noop, { devTools: false });
    expect(mac[0]?.label).toBe('Report Reader');
    expect(submenu(mac[0])[0]?.label).toBe('About Report Reader');
    expect(mac.some((item) => item.label === 'Help')).toBe(false);
    expect(roles(mac)).toContain('hide');
  });

  it('calls the About action when the About item is clicked', () => {
    let shown = 0;
    const template = buildMenuTemplate('zh-CN', 'win32', { showAbout: () => shown++ }, { devTools: false });
    const about = submenu(template.at(-1))[0];
    expect(about?.label).toBe('关于 Report Reader');
    if (typeof about?.click !== 'function') throw new Error('About has no click handler');
    (about.click as () => void)();
    expect(shown).toBe(1);
  });

  it('offers reload and developer tools only when asked to', () => {
    expect(roles(buildMenuTemplate('en', 'linux', noop, { devTools: false }))).not.toContain(
      'toggleDevTools',
    );
    expect(roles(buildMenuTemplate('en', 'linux', noop, { devTools: false }))).not.toContain('reload');
    expect(roles(buildMenuTemplate('en', 'linux', noop, { devTools: true }))).toContain('toggleDevTools');
  });

  it('offers the editing that note fields need (undo, cut, paste), and no more', () => {
    const all = roles(buildMenuTemplate('en', 'linux', noop, { devTools: true }));
    for (const role of ['cut', 'copy', 'paste', 'undo', 'redo', 'selectAll', 'quit'])
      expect(all).toContain(role);
    expect(all).not.toContain('delete');
  });

  it('exports notes from File → Export Notes in each format', () => {
    const exported: string[] = [];
    for (const [locale, platform, label] of [
      ['zh-CN', 'win32', '导出笔记'],
      ['en', 'darwin', 'Export Notes'],
    ] as const) {
      const template = buildMenuTemplate(
        locale,
        platform,
        { ...noop, exportNotes: (format) => exported.push(format) },
        { devTools: false },
      );
      const file = template.find((item) => item.label === (locale === 'en' ? 'File' : '文件'));
      const entry = submenu(file).find((item) => item.label === label);
      const formats = submenu(entry);
      expect(formats.map((item) => item.label)).toHaveLength(4);
      for (const item of formats) {
        expect(item.label).toMatch(/…$/);
        (item.click as () => void)();
      }
    }
    expect(exported).toEqual(['md', 'html', 'csv', 'json', 'md', 'html', 'csv', 'json']);
    // Without the action there is no entry (the CLI and tests build menus without annotations).
    const plain = buildMenuTemplate('en', 'linux', noop, { devTools: false });
    expect(submenu(plain[0]).map((item) => item.label)).toEqual(['Quit']);
  });
});
