// Strict readers of the XML feeds, for what rss-parser forgives: well-formedness and Atom's required elements.
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';

/**
 * XML 1.0 (3.1) forbids "<" in an attribute value, which xmldom and sax both let through (a strict reader such as
 * expat refuses the whole document). Scans the markup outside CDATA sections and comments.
 */
function assertNoLtInAttributes(xml: string): void {
  const skipTo = (end: string, from: number) => {
    const at = xml.indexOf(end, from);
    return at < 0 ? xml.length : at + end.length;
  };
  let i = 0;
  while (i < xml.length) {
    if (xml.startsWith('<![CDATA[', i)) i = skipTo(']]>', i);
    else if (xml.startsWith('<!--', i)) i = skipTo('-->', i);
    else if (xml[i] === '<') {
      let quote: string | null = null;
      for (i++; i < xml.length && (quote || xml[i] !== '>'); i++) {
        const c = xml[i]!;
        if (quote && c === '<') assert.fail(`not well-formed XML: "<" in an attribute value at ${i}`);
        if (c === '"' || c === "'") quote = quote === c ? null : (quote ?? c);
      }
      i++;
    } else i++;
  }
}

/** The document as a strict XML parser reads it: any well-formedness error or warning fails the test. */
export function strictXml(xml: string): Document {
  assertNoLtInAttributes(xml);
  const fail = (msg: string) => assert.fail(`not well-formed XML: ${msg}`);
  return new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(
    xml,
    'application/xml',
  );
}

/** Each Atom entry's id, updated and published elements as RFC 4287 counts them (direct children only). */
export function atomEntries(xml: string): { id: string[]; updated: string[]; published: string[] }[] {
  const doc = strictXml(xml);
  return Array.from(doc.getElementsByTagName('entry')).map((entry) => {
    const kids = (name: string) =>
      Array.from(entry.childNodes)
        .filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name)
        .map((n) => n.textContent ?? '');
    return { id: kids('id'), updated: kids('updated'), published: kids('published') };
  });
}
