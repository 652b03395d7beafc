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
    expect(submenu(zh[1]).map((item) => item.label)).toEqual(['复制', '全选']);
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

  it('offers no editing that a reader has no use for', () => {
    const all = roles(buildMenuTemplate('en', 'linux', noop, { devTools: true }));
    for (const role of ['cut', 'paste', 'undo', 'redo', 'delete']) expect(all).not.toContain(role);
    expect(all).toContain('copy');
    expect(all).toContain('quit');
  });
});
