import { prisonsToChoose } from '$lib/visitor/prisons-to-choose';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ prisons: await prisonsToChoose(fetch) });
