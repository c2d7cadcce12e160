import { createHash } from 'node:crypto';
import { REPORT_STYLE, REPORT_STYLE_HASH } from '../../web/explorer/report-style';

/**
 * The printable evidence page allows its one <style> element by hash in its own CSP: a change to
 * the stylesheet without its new hash would leave the downloaded page unstyled.
 */
describe('the evidence page stylesheet', () => {
  it('is allowed by the hash its page declares', () => {
    const digest = createHash('sha256').update(REPORT_STYLE, 'utf8').digest('base64');
    expect(REPORT_STYLE_HASH).toBe(`'sha256-${digest}'`);
  });
});
