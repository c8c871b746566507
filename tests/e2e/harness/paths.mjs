// Where the repository and its fixtures are, for every harness module and suite.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's root folder (absolute path). */
export const ROOT = resolve(here, '..', '..', '..');
/** tests/fixtures, the reconstructions of LinkedIn's pages. */
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
