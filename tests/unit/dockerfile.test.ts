import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Every `FROM node:<major>...` stage of the Dockerfile, with its stage name. */
function nodeStages(dockerfile: string): Array<{ stage: string; major: number }> {
  return [...dockerfile.matchAll(/^FROM\s+node:(\d+)[^\s]*(?:\s+AS\s+(\S+))?/gim)].map((match) => ({
    stage: match[2] ?? '(unnamed)',
    major: Number(match[1]),
  }));
}

describe('the Docker image runs the Node the README documents (issue 21)', () => {
  const documented = Number(/the Docker image runs Node (\d+)/.exec(read('README.md'))?.[1]);
  const stages = nodeStages(read('Dockerfile'));

  it('finds the documented major and the Node stages', () => {
    expect(documented).toBeGreaterThanOrEqual(20);
    expect(stages.map((s) => s.stage)).toEqual(['build', 'runtime']);
  });

  it.each(['build', 'runtime'])('the %s stage is on the documented Node major', (name) => {
    expect(stages.find((s) => s.stage === name)).toEqual({ stage: name, major: documented });
  });

  it("package.json's engines accept that major", () => {
    const engines: string = JSON.parse(read('package.json')).engines.node;
    const accepted = engines.split('||').some((range) => {
      const [, op, major] = /^\s*(\^|>=)?(\d+)/.exec(range) ?? [];
      return op === '>=' ? documented >= Number(major) : documented === Number(major);
    });
    expect(accepted).toBe(true);
  });
});
