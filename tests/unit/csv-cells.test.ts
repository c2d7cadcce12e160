import { csvCell } from '../../src/bundle/export';

/** CSV exports are opened in spreadsheets: a cell must never run as a formula. */
describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('defuses %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['Mali', 'Mali'],
    ['Kayes, Mali', '"Kayes, Mali"'],
    ['says "no"', '"says ""no"""'],
    ['2025-11', '2025-11'],
  ])('leaves ordinary text %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
