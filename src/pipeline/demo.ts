// First-run demo data: an empty archive gets the sample BRICS feed and a BRICS topic, so the app is never empty.
import type { Store } from '../store/store.js';
import { importFile, type FileImportResult } from './import.js';
import { assignStories } from './stories.js';

export const DEMO_CHANNEL = 'sample';
export const DEMO_TOPIC = { name: 'brics', query: 'BRICS', aliases: [['BRICS', 'БРИКС', '#brics']] };

/** Loads the demo feed when the archive holds no post at all; returns what it imported, or null. */
export async function ensureDemo(store: Store, demoFile: string): Promise<FileImportResult | null> {
  if ((await store.countPosts({})) > 0) return null;
  if (!(await store.listTopics()).some((t) => t.name === DEMO_TOPIC.name)) await store.saveTopic(DEMO_TOPIC);
  const result = await importFile(store, demoFile, { format: 'text', channel: DEMO_CHANNEL });
  await assignStories(store);
  return result;
}
