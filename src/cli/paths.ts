// Files shipped with the package, found relative to this module (works from src/ under tsx and from dist/).
import { fileURLToPath } from 'node:url';

export const DEMO_FILE = fileURLToPath(new URL('../../demo/sample-brics.txt', import.meta.url));
