import { parsePartialDate, PartialDateError } from '../../src/model/partial-date';
import { DatePrecision } from '../../src/model/vocabulary';

describe('parsePartialDate', () => {
  it('reads the precision from the form and spans the whole period', () => {
    expect(parsePartialDate('2012')).toEqual({
      value: '2012',
      precision: DatePrecision.YEAR,
      earliest: '2012-01-01',
      latest: '2012-12-31',
    });
    expect(parsePartialDate('2024-02')).toEqual({
      value: '2024-02',
      precision: DatePrecision.MONTH,
      earliest: '2024-02-01',
      latest: '2024-02-29',
    });
    expect(parsePartialDate('2025-11-03')).toMatchObject({
      precision: DatePrecision.DAY,
      earliest: '2025-11-03',
      latest: '2025-11-03',
    });
  });

  it.each(['25', '2025-13', '2023-02-29', '2025/11/03', '2025-1', '0999', ''])('rejects %p', (value) => {
    expect(() => parsePartialDate(value)).toThrow(PartialDateError);
  });
});
