// The list of sources, read from the collectors' own descriptions (each collector says what it accepts).
import { tmeSource } from '../collectors/tme/index.js';
import { exportHtmlSource, exportJsonSource } from '../collectors/export/index.js';
import { textSource } from '../collectors/text/index.js';

export const SOURCES = [tmeSource, exportJsonSource, exportHtmlSource, textSource] as const;

export function sourceList(): string {
  return SOURCES.map((s) => `  ${s.id.padEnd(12)} ${s.title}: ${s.accepts} (e.g. ${s.example})`).join('\n');
}
