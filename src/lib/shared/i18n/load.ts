// The PWA's loader: one language's areas, on demand, each pair as its own small chunk (see catalogues.ts).
import { catalogues, type Area } from './catalogues';
import { registerMessages, type Locale } from './index';

const loaded: Record<Locale, Map<Area, Promise<void>>> = { en: new Map(), cy: new Map() };

/** Loads one area of one language (every pair listed for it), once. */
export function loadArea(locale: Locale, area: Area): Promise<void> {
	let loading = loaded[locale].get(area);
	if (!loading) {
		const pairs = Object.values(catalogues).filter((pair) => pair.area === area);
		loading = Promise.all(pairs.map((pair) => pair[locale]())).then((modules) => {
			for (const module of modules) registerMessages(locale, module);
		});
		// A failed download (offline before the chunk was cached) may be tried again.
		loading.catch(() => loaded[locale].delete(area));
		loaded[locale].set(area, loading);
	}
	return loading;
}

export async function loadAreas(locale: Locale, areas: readonly Area[]): Promise<void> {
	await Promise.all(areas.map((area) => loadArea(locale, area)));
}
