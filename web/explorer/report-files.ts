import type { EvidenceRow, ReportHead } from './report';
import { REPORT_STYLE, REPORT_STYLE_HASH } from './report-style';

/** The evidence table as files: CSV for a spreadsheet, a printable HTML page for a report. */

const COLUMNS: ReadonlyArray<[keyof EvidenceRow, string]> = [
  ['sentence', 'Link'],
  ['marks', 'Not an established fact'],
  ['claimGrade', "Claim's grade (what the claim says)"],
  ['grade', "Grade (for a claim: the report's, that the claim was made)"],
  ['sources', 'Sources (reliability)'],
  ['excerpt', 'Excerpt'],
  ['valid', 'Valid'],
  ['link', 'Relationship id'],
];

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage
 * return first) gets a leading ' (OWASP's "CSV injection" advice): an excerpt is a source's words,
 * and a hostile source can write "=HYPERLINK(...)". Every cell is quoted, its quotes doubled, so
 * commas and line breaks inside stay in the cell.
 */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${defused.replace(/"/g, '""')}"`;
}

/** RFC 4180 (CRLF between records), with a byte-order mark so spreadsheets read UTF-8 (◆, é). */
export function evidenceCsv(rows: readonly EvidenceRow[]): string {
  const lines = [
    COLUMNS.map(([, header]) => csvCell(header)).join(','),
    ...rows.map((row) => COLUMNS.map(([key]) => csvCell(row[key])).join(',')),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML or XML content and attributes: nothing a source wrote becomes markup. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A page that stands alone: the title, date and filters, the picture (the exported SVG, inlined),
 * and the evidence table. Its own policy forbids every script and every load but the inlined
 * picture, and allows its one <style> element by hash (report-style.ts).
 */
export function evidenceHtml(head: ReportHead, rows: readonly EvidenceRow[], pictureSvg: string): string {
  const cells = (row: EvidenceRow) =>
    COLUMNS.map(([key]) => `<td class="${key}">${escapeMarkup(row[key])}</td>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${REPORT_STYLE_HASH}; img-src data:">
<title>${escapeMarkup(head.title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeMarkup(head.title)}</h1>
<p class="date">Exported from sahel-graph on ${escapeMarkup(head.date)}</p>
<ul class="filters">${head.filters.map((line) => `<li>${escapeMarkup(line)}</li>`).join('')}</ul>
</header>
<figure><img alt="The graph in view, with its legend" src="data:image/svg+xml;base64,${utf8Base64(pictureSvg)}"></figure>
<h2>Evidence: ${rows.length} link${rows.length === 1 ? '' : 's'} in view</h2>
<table>
<thead><tr>${COLUMNS.map(([, header]) => `<th scope="col">${escapeMarkup(header)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${cells(row)}</tr>`).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
