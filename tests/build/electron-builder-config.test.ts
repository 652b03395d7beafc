import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

// electron-builder.yml against the schema that ships with the installed app-builder-lib (draft-07).
// js-yaml is not a direct dependency, but app-builder-lib depends on it, so resolve it from there.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = fromBuilder('js-yaml') as { load: (text: string) => unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<
  string,
  unknown
>;

function validator() {
  // strict: false because the schema uses keywords of its own (e.g. "deprecated" notes, tsType).
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

type Config = Record<string, unknown> & {
  directories: Record<string, string>;
  files: string[];
  linux: Record<string, unknown>;
  protocols: Array<{ schemes: string[] }>;
};

const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('uses a draft-07 schema, which Ajv 8 validates by default', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('is valid against the installed schema', () => {
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected when broken, so the validation above means something', () => {
    const validate = validator();
    expect(validate({ ...config, appID: 'typo' })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, target: 42 } })).toBe(false);
    expect(validate({ ...config, protocols: [{ name: 'no schemes' }] })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('packages only the built app, the bundle, the glossary and package.json, into release/', () => {
    expect(config.appId).toBe('org.reportreader.app');
    expect(config.productName).toBe('Report Reader');
    expect(config.directories.output).toBe('release');
    // The default build-resources folder, build/, would drop the bundle from the package.
    expect(config.directories.buildResources).not.toBe('build');
    expect(config.files.filter((pattern) => !pattern.startsWith('!')).sort()).toEqual(
      ['assets/glossary/**', 'build/bundle/**', 'dist/**', 'package.json'].sort(),
    );
  });

  it('builds AppImage + deb, NSIS and DMG, and registers report-reader://', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect(config.protocols.flatMap((p) => p.schemes)).toContain('report-reader');
  });

  it('flips the Electron fuses that harden the packaged binary', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('points at a 512×512 PNG icon', () => {
    const png = readFileSync(path.join(ROOT, String(config.icon)));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });

  it('agrees with package.json about the entry point', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/main.js');
    expect(config.files).toContain('dist/**');
  });
});
