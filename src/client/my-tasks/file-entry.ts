/**
 * The lazily loaded bundle of file.ts (see loadFileModule in component.ts). It is built like
 * the live search bundle, as a stand-alone module whose exports the build drops, so it
 * hands its two functions over on a well-known global instead.
 */
import { parseMyTasksFile, readList } from './file.ts';

export const FILE_MODULE_KEY = 'taskfrontMyTasksFile';

(globalThis as Record<string, unknown>)[FILE_MODULE_KEY] = { parseMyTasksFile, readList };
