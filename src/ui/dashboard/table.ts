/**
 * A chart's text alternative as a table: already-formatted strings, so the same table reads
 * the same on screen, to a screen reader and in print.
 */
export interface TableSpec {
  caption: string;
  /** Header cells; the first names the row headers' column. */
  columns: string[];
  rows: { head: string; cells: string[] }[];
  /** Per data column: 'end' for numbers (the default), 'start' for words. */
  align?: ('start' | 'end')[];
}
