// The Marketplace page (MARKETPLACE.md, packaged as the extension's readme by
// `vsce --readme-path`) and CHANGELOG.md: written for users (no build steps),
// its screenshot real and small, every setting documented, both shipped.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../helpers/fixtures';

const read = (f: string) => readFileSync(join(REPO, f), 'utf8');

describe('exports: the Marketplace page and the changelog', () => {
  const page = read('MARKETPLACE.md');
  const pkg = JSON.parse(read('package.json')) as { version: string; scripts: Record<string, string>; contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };

  it('is what `npm run package` ships as the readme, with the changelog', () => {
    assert.match(pkg.scripts.package, /vsce package .*--readme-path MARKETPLACE\.md/);
    const ignore = read('.vscodeignore').split('\n');
    assert.ok(ignore.includes('!MARKETPLACE.md') && ignore.includes('!CHANGELOG.md'));
    assert.ok(!ignore.includes('!README.md'), 'the contributor README is not shipped beside it');
  });

  it('speaks to users: what it is, a screenshot, getting started, features, settings; no build steps', () => {
    for (const h of ['## Why', '## Getting started', '## Features', '## Settings']) assert.ok(page.includes(`\n${h}\n`), h);
    assert.doesNotMatch(page, /npm (ci|install|run|test)|git clone|esbuild|mocha/, 'no developer commands');
    const [, image] = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(page) ?? [];
    assert.ok(image, 'a PNG screenshot (the Marketplace refuses SVG images in a readme)');
    const png = readFileSync(join(REPO, image));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 800]);
    assert.ok(statSync(join(REPO, image)).size < 300_000, 'small');
  });

  it('documents every setting the extension contributes', () => {
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      const documented = key.startsWith('okr.rules.') ? '`okr.rules.<code>`' : `\`${key}\``;
      assert.ok(page.includes(`| ${documented} |`), `${key} in the settings table`);
    }
  });

  it('the changelog follows Keep a Changelog: Unreleased, then the current version', () => {
    const log = read('CHANGELOG.md');
    assert.match(log, /Keep a Changelog/);
    const versions = [...log.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    assert.deepEqual(versions.slice(0, 2), ['Unreleased', pkg.version]);
    assert.ok(existsSync(join(REPO, 'scripts/screenshot.mjs')), 'the screenshot can be taken again');
  });
});
