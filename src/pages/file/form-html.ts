// A form (rules/forms.ts) as one self-contained HTML file the person saves and prints: A4, black on
// white, the table with ruled cells, the blanks tall enough to write in.
import type { FormCell, PrintableForm } from '../../rules/forms'

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/\n/g, '<br>')

function cell(item: FormCell): string {
  const span = item.span && item.span > 1 ? ` colspan="${item.span}"` : ''
  if ('label' in item) return `<th${span}>${escape(item.label)}</th>`
  if ('text' in item) return `<td${span}>${escape(item.text)}</td>`
  return `<td${span} class="blank"></td>`
}

export function formHtml(form: PrintableForm): string {
  const table = form.table
    ? `<table>${form.table.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('')}</table>`
    : ''
  const letter = form.letter ? form.letter.map((line) => `<p>${escape(line)}</p>`).join('') : ''
  const footnote = form.footnote ? `<p class="note">${escape(form.footnote)}</p>` : ''
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(form.title)}</title>
<style>
@page { size: A4; margin: 18mm; }
body { font-family: "SimSun", "Songti SC", serif; color: #000; font-size: 12pt; line-height: 1.8; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 12pt; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 6pt; vertical-align: top; font-weight: normal; text-align: left; }
th { width: 14%; }
td.blank { height: 28pt; }
p { margin: 0 0 10pt; text-indent: 0; }
.note { font-size: 10pt; margin-top: 10pt; }
</style></head>
<body><h1>${escape(form.title)}</h1>${table}${letter}${footnote}</body></html>
`
}
