import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The README fits on a screen or two and sends readers to docs/ by topic (issue 21): every page of
 * docs/ is linked from it, and every relative link of the README and of docs/ leads to a file.
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pages = readdirSync(path.join(ROOT, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => `docs/${file}`);

/** Markdown links `[text](target)` outside code, without http(s): and #anchors. */
function relativeLinks(file: string): string[] {
  const text = read(file).replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1].replace(/#.*$/, ''))
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the README and docs/', () => {
  it('keeps the README within 250 lines', () => {
    const lines = read('README.md').split('\n').length;
    expect(lines).toBeLessThanOrEqual(250);
    expect(lines).toBeGreaterThan(50);
  });

  it('links every page of docs/ from the README', () => {
    expect(pages.length).toBeGreaterThan(10);
    const linked = new Set(relativeLinks('README.md'));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it.each(['README.md', ...pages])('%s links only to files that exist', (file) => {
    const missing = relativeLinks(file).filter(
      (target) => !existsSync(path.join(ROOT, path.dirname(file), decodeURIComponent(target))),
    );
    expect(missing).toEqual([]);
  });
});
