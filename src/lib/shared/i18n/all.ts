// The server's (and the tests') catalogue: every pair in both languages, loaded before anything
// else runs, so translate() and t() never meet a missing area. The PWA never imports this file.
import { catalogues } from './catalogues';
import { LOCALES, registerMessages } from './index';

const pairs = Object.values(catalogues);
const modules = await Promise.all(LOCALES.flatMap((locale) => pairs.map(async (pair) => [locale, await pair[locale]()] as const)));
for (const [locale, module] of modules) registerMessages(locale, module);
