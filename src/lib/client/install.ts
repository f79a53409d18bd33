import { observable, type Readable } from './observable';

/*
 * The in-app install offer. Browsers that can install a web app (Chrome and Edge on Android and
 * desktop) fire `beforeinstallprompt`; the app keeps the event and offers "Install" itself, where
 * it helps (the start page), instead of the browser's own mini-bar. Browsers without it (Safari,
 * Firefox) never fire it, so nothing is offered there. A visitor who says no is not asked again
 * on this device; an installed app (or one opened from the home screen) is not offered again.
 */

interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const DISMISSED_KEY = 'bpv-install-dismissed';
const offerValue = observable(false);
/** True while the browser lets the app offer installing itself and the visitor has not said no. */
export const installOffered: Readable<boolean> = offerValue;
let deferred: BeforeInstallPromptEvent | null = null;
let listening = false;

function dismissedBefore(): boolean {
	try {
		return localStorage.getItem(DISMISSED_KEY) !== null;
	} catch {
		return false;
	}
}

/** Called once by the layout, early: the event may come soon after the page loads. */
export function listenForInstallOffer(): void {
	if (listening || typeof window === 'undefined') return;
	listening = true;
	addEventListener('beforeinstallprompt', (event) => {
		// Keep the browser's own prompt back: the page offers it where it makes sense.
		event.preventDefault();
		deferred = event as BeforeInstallPromptEvent;
		offerValue.set(!dismissedBefore());
	});
	addEventListener('appinstalled', () => {
		deferred = null;
		offerValue.set(false);
	});
}

/** The visitor tapped Install: the browser asks them; the offer goes either way (the event works once). */
export async function install(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
	const event = deferred;
	if (!event) return 'unavailable';
	deferred = null;
	offerValue.set(false);
	await event.prompt();
	const { outcome } = await event.userChoice;
	if (outcome === 'dismissed') dismissInstall();
	return outcome;
}

/** "Not now": not offered again on this device. */
export function dismissInstall(): void {
	try {
		localStorage.setItem(DISMISSED_KEY, String(Date.now()));
	} catch {
		// Private mode without storage: the offer goes for this visit only.
	}
	offerValue.set(false);
}
