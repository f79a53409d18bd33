// The yardstick: the same load tool and connections against a bare Hono route.
import { load } from '../load';
import type { LoadRun } from '../side-by-side';

export const CONNECTIONS = 64;

export function controlLoad(controlUrl: string): LoadRun {
	return (seconds, warmupSeconds) => load(`${controlUrl}/`, { connections: CONNECTIONS, seconds, warmupSeconds });
}
