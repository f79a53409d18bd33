// The yardstick: the same load tool and connections against a bare Hono route.
import { load, type LoadFigures } from '../load';

export const CONNECTIONS = 64;

export function runControl(controlUrl: string, seconds: number): Promise<LoadFigures> {
	return load(`${controlUrl}/`, { connections: CONNECTIONS, seconds, warmupSeconds: 1 });
}
