/** One line of a tab-separated report: its 1-based line number in the file (the header is line 1) and its cells. */
export interface ReportLine {
  line: number;
  cells: string[];
}

/**
 * Splits decoded report text into lines of cells, one chunk at a time: only the current partial
 * line is held. Unlike a row-object parser it keeps the cell count, so a row with the wrong
 * number of columns can be reported instead of silently padded. Empty lines are skipped (Amazon
 * ends files with a newline) but still counted, so line numbers match the file.
 */
export async function* reportLines(text: AsyncIterable<string | Buffer>): AsyncGenerator<ReportLine> {
  let rest = '';
  let line = 0;
  for await (const chunk of text) {
    const parts = (rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      line++;
      const trimmed = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (trimmed.length > 0) yield { line, cells: trimmed.split('\t') };
    }
  }
  const last = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  if (last.length > 0) yield { line: line + 1, cells: last.split('\t') };
}
