// Imported first by every module that defines schemas. Zod's default probes `new Function` to
// compile faster object parsers; under the app's Content Security Policy (no 'unsafe-eval') the
// browser reports that probe as a policy violation even though zod catches it, and any violation
// hides real ones (tests/e2e/content-security-policy.test.ts). jitless skips the probe and eval.
import { z } from 'zod';

z.config({ jitless: true });
