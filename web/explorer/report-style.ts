/**
 * The stylesheet of the printable evidence page (report-files.ts). A downloaded page is opened
 * from disk, where no server sends it a Content-Security-Policy and no stylesheet of the service
 * can be reached offline: it carries its styles in one <style> element and its own policy in a
 * <meta> tag that allows that element by its hash only (no script at all, nothing loaded but the
 * picture inlined as a data: URI). tests/unit/report-style.test.ts checks the hash against the text.
 */
export const REPORT_STYLE = `
body { font: 11pt/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif; color: #1f2328; margin: 2em; }
h1 { font-size: 1.5em; margin: 0 0 0.2em; }
.date { color: #57606a; margin: 0 0 0.8em; }
.filters { margin: 0 0 1em; padding-left: 1.2em; }
figure { margin: 0 0 1.5em; }
figure img { max-width: 100%; border: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.marks { color: #9a3412; }
.excerpt { font-style: italic; }
@media print {
  body { margin: 0; font-size: 9pt; }
  figure { break-after: page; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/** CSP source for REPORT_STYLE: 'sha256-' and the base64 SHA-256 of its UTF-8 text. */
export const REPORT_STYLE_HASH = "'sha256-zBcKVrzmvl1b754B8r/AW4tasALEMRDAe287483BawY='";
