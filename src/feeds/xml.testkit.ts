// Strict readers of the XML feeds, for what rss-parser forgives: well-formedness and Atom's required elements.
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';

/** The document as a strict XML parser reads it: any well-formedness error or warning fails the test. */
export function strictXml(xml: string): Document {
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
