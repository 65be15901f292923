import type { MonthlyReport, StatTable } from './aggregate';
import { type PublishedCell, SMALL_CELL_THRESHOLD } from './suppression';

/**
 * Writes the monthly report as a CSV (for the département's spreadsheets) and a self-contained HTML
 * page with hand-written SVG charts (no chart library: a few rectangles need none). Only the `shown`
 * value of a cell is ever written; a hidden cell's true count never reaches a file, not even as a
 * bar length (hidden cells get a fixed hatched mark).
 */

/** File names of one month's report. */
export function reportFileNames(month: string): { csv: string; html: string } {
  return { csv: `statistiques-${month}.csv`, html: `statistiques-${month}.html` };
}

const csvField = (value: string): string => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The CSV: `;`-separated (French spreadsheets), UTF-8 with a BOM so accents open correctly. */
export function renderCsv(report: MonthlyReport): string {
  const rows: string[][] = [['section', 'cle', 'libelle', 'effectif']];
  for (const indicator of report.indicators)
    rows.push(['indicateurs', indicator.id, indicator.label, indicator.shown]);
  for (const table of report.tables) {
    for (const cell of table.cells) rows.push([table.id, cell.key, cell.label, cell.shown]);
    rows.push([table.id, 'total', `Total (${table.baseLabel})`, table.total.shown]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COLORS = { bar: '#2b6cb0', hidden: '#a0aec0', axis: '#4a5568', text: '#1a202c' } as const;
const HIDDEN_MARK_WIDTH = 26;

/** Scale of a table's bars: the largest visible count (hidden counts never set the scale). */
const scaleOf = (cells: readonly PublishedCell[]) =>
  Math.max(
    SMALL_CELL_THRESHOLD,
    ...cells.filter((cell) => cell.suppression === 'none').map((cell) => cell.count),
  );

function barValue(cell: PublishedCell, max: number, width: number): { width: number; hidden: boolean } {
  if (cell.suppression !== 'none') return { width: HIDDEN_MARK_WIDTH, hidden: true };
  return { width: cell.count === 0 ? 0 : Math.max(2, (cell.count / max) * width), hidden: false };
}

/** Horizontal bars, one per row: the common chart of the report. */
export function horizontalBars(title: string, cells: readonly PublishedCell[]): string {
  const labelWidth = 300;
  const barWidth = 360;
  const rowHeight = 24;
  const height = cells.length * rowHeight + 8;
  const max = scaleOf(cells);
  const rows = cells.map((cell, index) => {
    const y = index * rowHeight + 4;
    const bar = barValue(cell, max, barWidth);
    const fill = bar.hidden ? 'url(#hidden)' : COLORS.bar;
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="${COLORS.text}">${escapeHtml(cell.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${bar.width.toFixed(1)}" height="${rowHeight - 8}" fill="${fill}"/>`,
      `<text x="${(labelWidth + bar.width + 6).toFixed(1)}" y="${y + 15}" font-size="12" fill="${COLORS.text}">${escapeHtml(cell.shown)}</text>`,
    ].join('');
  });
  return svg(title, labelWidth + barWidth + 90, height, rows.join(''));
}

/** Vertical bars for the 24 hours of the day. */
export function hourColumns(title: string, cells: readonly PublishedCell[]): string {
  const columnWidth = 26;
  const chartHeight = 160;
  const left = 10;
  const max = scaleOf(cells);
  const columns = cells.map((cell, index) => {
    const x = left + index * columnWidth;
    const hidden = cell.suppression !== 'none';
    const height = hidden
      ? HIDDEN_MARK_WIDTH / 2
      : cell.count === 0
        ? 0
        : Math.max(2, (cell.count / max) * chartHeight);
    const y = 20 + chartHeight - height;
    return [
      `<rect x="${x + 3}" y="${y.toFixed(1)}" width="${columnWidth - 6}" height="${height.toFixed(1)}" fill="${hidden ? 'url(#hidden)' : COLORS.bar}"/>`,
      cell.count === 0
        ? ''
        : `<text x="${x + columnWidth / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="${COLORS.text}">${escapeHtml(cell.shown)}</text>`,
      `<text x="${x + columnWidth / 2}" y="${chartHeight + 36}" text-anchor="middle" font-size="10" fill="${COLORS.axis}">${index}h</text>`,
    ].join('');
  });
  const axis = `<line x1="${left}" y1="${chartHeight + 20}" x2="${left + 24 * columnWidth}" y2="${chartHeight + 20}" stroke="${COLORS.axis}"/>`;
  return svg(title, left * 2 + 24 * columnWidth, chartHeight + 44, columns.join('') + axis);
}

function svg(title: string, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<defs><pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#edf2f7"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLORS.hidden}" stroke-width="3"/></pattern></defs>` +
    `${body}</svg>`
  );
}

/** Communes are 49 rows: the page lists those with at least one call (the CSV keeps them all). */
const visibleRows = (table: StatTable) =>
  table.id === 'commune' ? table.cells.filter((cell) => cell.count > 0) : table.cells;

function tableSection(table: StatTable): string {
  const rows = visibleRows(table);
  const chart =
    table.id === 'hours'
      ? hourColumns(table.title, table.cells)
      : rows.length === 0
        ? '<p class="empty">Aucun appel.</p>'
        : horizontalBars(table.title, rows);
  const note = table.multi
    ? '<p class="note">Plusieurs réponses possibles : la somme dépasse le total.</p>'
    : '';
  const communeNote =
    table.id === 'commune'
      ? '<p class="note">Seules les communes comptant au moins un appel sont listées.</p>'
      : '';
  const body = rows
    .map((cell) => `<tr><td>${escapeHtml(cell.label)}</td><td class="n">${escapeHtml(cell.shown)}</td></tr>`)
    .join('');
  return [
    `<section id="${escapeHtml(table.id)}"><h2>${escapeHtml(table.title)}</h2>`,
    note,
    communeNote,
    `<div class="chart">${chart}</div>`,
    `<details><summary>Tableau</summary><table><thead><tr><th>Catégorie</th><th>Effectif</th></tr></thead><tbody>${body}`,
    `<tr class="total"><td>Total (${escapeHtml(table.baseLabel)})</td><td class="n">${escapeHtml(table.total.shown)}</td></tr>`,
    '</tbody></table></details></section>',
  ].join('');
}

/** The HTML page: indicators, then one chart and table per dimension; French throughout. */
export function renderHtml(report: MonthlyReport): string {
  const title = `Un premier pas — statistiques anonymes de ${report.monthLabel}`;
  const cards = report.indicators
    .map(
      (indicator) =>
        `<div class="card"><div class="value">${escapeHtml(indicator.shown)}</div><div class="label">${escapeHtml(indicator.label)}</div></div>`,
    )
    .join('');
  const generated = new Date(report.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${COLORS.text};margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
.sub{color:#4a5568;margin-top:0}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px;margin:16px 0}
.card{border:1px solid #e2e8f0;border-radius:6px;padding:10px 12px}.card .value{font-size:20px;font-weight:600}.card .label{font-size:12px;color:#4a5568}
.note{font-size:12px;color:#4a5568;margin:2px 0}table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #e2e8f0;padding:3px 8px;text-align:left}
td.n{text-align:right}tr.total td{font-weight:600}.legend{font-size:12px;color:#4a5568;border-left:3px solid ${COLORS.hidden};padding-left:8px}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">Ligne d’écoute du Val-de-Marne pour les personnes confrontées aux violences conjugales et intrafamiliales. Données anonymes, générées le ${escapeHtml(generated)}.</p>
<p class="legend">Secret statistique : tout effectif de 1 à 4 est affiché « &lt; 5 » ; quand un tableau n’en compte qu’un, un second effectif est « masqué » pour qu’aucune soustraction ne le révèle. Les barres hachurées ne sont pas à l’échelle.</p>
<div class="cards">${cards}</div>
${report.tables.map(tableSection).join('\n')}
${report.unreadableRecords > 0 ? `<p class="note">${report.unreadableRecords} enregistrement(s) illisible(s) non comptés.</p>` : ''}
</body>
</html>
`;
}
