import { cachedPrisonRow } from '../client/cached-reads';
import { deviceDb } from '../client/db';
import type { Prison } from '../shared/answers';
import { prisonFromRow } from './prison';

/** The prison a draft or request names, from the device's cache (works offline). */
export async function cachedPrison(prisonId: string): Promise<Prison | null> {
	if (!prisonId) return null;
	const row = await cachedPrisonRow(deviceDb(), prisonId);
	return row ? prisonFromRow(row) : null;
}
