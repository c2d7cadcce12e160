import {
  installCommand,
  missingPackages,
  provisionSystemTools,
  SYSTEM_TOOLS,
  type SystemTool,
} from '../support/system-tools';

const tool = (debianPackage: string, present: boolean): SystemTool => ({
  purpose: `the ${debianPackage} tests`,
  present: () => present,
  debianPackage,
});

describe("npm test's own set-up of the programs it runs (issue 21)", () => {
  it('names every program the suite runs beside Node, each with its Debian package', () => {
    expect(SYSTEM_TOOLS.map((t) => t.debianPackage)).toEqual(
      expect.arrayContaining(['openjdk-17-jdk-headless', 'maven', 'chromium', 'redis-server', 'python3-venv']),
    );
  });

  it('does nothing when everything is there', () => {
    const log = jest.fn();
    provisionSystemTools(log, [tool('chromium', true), tool('redis-server', true)], {
      isRoot: false,
      hasAptGet: false,
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('stops with one message naming the command when it cannot install (not root)', () => {
    const tools = [tool('chromium', false), tool('redis-server', false), tool('maven', true)];
    expect(missingPackages(tools)).toEqual(['chromium', 'redis-server']);
    expect(() => provisionSystemTools(jest.fn(), tools, { isRoot: false, hasAptGet: true })).toThrow(
      `sudo ${installCommand(['chromium', 'redis-server'])}`,
    );
  });

  it('stops with the command when root has no apt-get', () => {
    expect(() =>
      provisionSystemTools(jest.fn(), [tool('chromium', false)], { isRoot: true, hasAptGet: false }),
    ).toThrow(
      /needs chromium \(the chromium tests\)\. Install it with:\n {2}apt-get update && apt-get install -y chromium$/,
    );
  });

  it('finds what this machine has: after the global set-up nothing is missing', () => {
    // The global set-up ran before this file: it installed whatever was missing, or stopped the run.
    expect(missingPackages()).toEqual([]);
  });
});
