import { emptyDraft, type BookingDraft } from './draft';

/*
 * Dexie and the device code are loaded with the first read, not with this module: a page that shows
 * the draft (the prison page is the first of the flow) can paint its heading before they arrive.
 */
const deviceCode = () => Promise.all([import('../client/db'), import('./last-party'), import('../client/requests')]);

/*
 * The one booking in progress on this device, shared by the pages of the flow. Every change is
 * written to Dexie's drafts table as it happens, so a reload or a crashed tab loses nothing.
 */

const DRAFT_NAME = 'visit-request';

function isDraft(value: unknown): value is BookingDraft {
	const draft = value as Partial<BookingDraft> | null;
	return (
		typeof draft === 'object' &&
		draft !== null &&
		typeof draft.id === 'string' &&
		typeof draft.prisoner === 'object' &&
		Array.isArray(draft.visitors) &&
		draft.visitors.length > 0 &&
		Array.isArray(draft.slots)
	);
}

class Booking {
	draft = $state<BookingDraft>(emptyDraft(''));
	loaded = $state(false);
	#loading: Promise<void> | undefined;

	/** Reads the saved draft once, then saves on every change. */
	load(): Promise<void> {
		this.#loading ??= this.#read();
		return this.#loading;
	}

	async #read(): Promise<void> {
		const [{ deviceDb }, { newDraft }, { localRequest, savedDraft, saveDraft }] = await deviceCode();
		const db = deviceDb();
		const saved = await savedDraft(db, DRAFT_NAME);
		// A draft whose request was already queued (the tab closed before the draft was cleared) is done.
		const alreadySent = isDraft(saved) && (await localRequest(db, saved.id)) !== undefined;
		this.draft = isDraft(saved) && !alreadySent ? saved : await newDraft(db);
		this.loaded = true;
		$effect.root(() => {
			$effect(() => {
				const value = $state.snapshot(this.draft);
				void saveDraft(db, DRAFT_NAME, value);
			});
		});
	}

	/**
	 * Starts again: after a request is queued, or to replace the draft with another. Loads first:
	 * on a page that had not loaded the draft yet (a visit's page opened from a notification), the
	 * saved draft read later would otherwise overwrite the new one. A new draft starts with the
	 * lead visitor of the device's last request (read after the request just queued is stored).
	 */
	async reset(next?: BookingDraft): Promise<void> {
		await this.load();
		const [{ deviceDb }, { newDraft }] = await deviceCode();
		this.draft = next ?? (await newDraft(deviceDb()));
	}
}

export const booking = new Booking();
